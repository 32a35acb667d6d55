package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import tools.jackson.databind.JsonNode;

/**
 * Receivers are isolated from each other (issue 17): a hanging or failing endpoint holds only its
 * own deliveries, its circuit pauses it and tells its owner, its backlog has a bound, and a new
 * subscription receives no event from before it existed. Real receivers on real ports; the test
 * configuration caps a backlog at 100 and pauses a circuit for 300 ms to 1 s.
 */
class WebhookIsolationTest extends ApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PER_SUBSCRIPTION = 4;
    private static final int MAX_BACKLOG = 100;

    @Autowired
    @Qualifier("outboxRelayPoller")
    Poller relayPoller;

    private final List<Runnable> unsubscribe = new java.util.ArrayList<>();

    private String subscribe(Party party, Receiver receiver, List<String> types) {
        var response = api.post(
                "/api/v1/webhooks/subscriptions", party.key(), Map.of("url", receiver.url(), "eventTypes", types));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var id = response.json().at("/subscription/id").asString();
        unsubscribe.add(() -> api.request("DELETE", "/api/v1/webhooks/subscriptions/" + id)
                .key(party.key())
                .send());
        return id;
    }

    /** Receivers are closed after each test: their subscriptions go too, so nothing keeps calling. */
    @org.junit.jupiter.api.AfterEach
    void unsubscribeAll() {
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }

    private JsonNode subscription(Party party, String id) {
        return api.get("/api/v1/webhooks/subscriptions/" + id, party.key()).json();
    }

    /** Writes {@code count} events about {@code party} straight into the outbox: a burst. */
    private void burstOfEventsFor(Party party, int count) {
        jdbc.sql("""
                        insert into outbox (tenant_id, event_id, type, order_id, payload, occurred_at)
                        select p.tenant_id, gen_random_uuid(), 'action.finished', null,
                               jsonb_build_object('partyId', p.party_id, 'n', n), now()
                        from parties p, generate_series(1, :count) n
                        where p.party_id = :party
                        """).param("party", party.id()).param("count", count).update();
    }

    private long deliveries(String subscriptionId, String status, String deadReason) {
        return jdbc.sql("""
                        select count(*) from webhook_deliveries
                        where subscription_id = cast(:s as uuid) and status = :status
                          and (cast(:reason as text) is null or dead_reason = cast(:reason as text))
                        """)
                .param("s", subscriptionId)
                .param("status", status)
                .param("reason", deadReason)
                .query(Long.class)
                .single();
    }

    private long attemptsRecorded(String subscriptionId) {
        return jdbc.sql("""
                        select count(*) from webhook_attempts a
                        join webhook_deliveries d on d.tenant_id = a.tenant_id and d.delivery_id = a.delivery_id
                        where d.subscription_id = cast(:s as uuid)
                        """).param("s", subscriptionId).query(Long.class).single();
    }

    /**
     * A receiver that hangs with a backlog of a hundred due deliveries takes only its own share of
     * the workers: a new subscriber is served while every attempt at the hanging one is still in
     * flight (none recorded yet), which a dispatcher serving the oldest deliveries first, or one at
     * a time, cannot do.
     */
    @Test
    void aHangingReceiverWithABacklogNeitherDelaysNorStarvesANewSubscriber() {
        try (var hanging = new Receiver().hanging();
                var healthy = new Receiver()) {
            var stuck = given.trade();
            var hangingId = subscribe(stuck.seller(), hanging, List.of());
            burstOfEventsFor(stuck.seller(), MAX_BACKLOG);
            await().atMost(PATIENCE).until(() -> hanging.arrived() == PER_SUBSCRIPTION);

            var trade = given.trade();
            subscribe(trade.buyer(), healthy, List.of("order.created"));
            var order = given.anOrder(trade).withLine(1, "1.00").place();

            await().atMost(PATIENCE).until(() -> healthy.accepted().size() == 1);
            assertThat(healthy.accepted().getFirst().json().get("orderId").asString())
                    .isEqualTo(order.get("id").asString());
            // The hanging receiver still holds its first attempts: none has ended, none was recorded,
            // and no more than its own concurrency was ever sent to it.
            assertThat(attemptsRecorded(hangingId)).isZero();
            assertThat(hanging.arrived()).isEqualTo(PER_SUBSCRIPTION);
            assertThat(deliveries(hangingId, "PENDING", null)).isEqualTo(MAX_BACKLOG);
        }
    }

    /**
     * An endpoint that keeps failing is paused: its subscription shows it, its owner hears of it on
     * another subscription, and once the endpoint answers again a probe resumes it.
     */
    @Test
    void aFailingEndpointIsPausedItsOwnerToldAndItResumesWhenItAnswersAgain() {
        try (var failing = new Receiver().down();
                var owner = new Receiver()) {
            var trade = given.trade();
            var failingId = subscribe(trade.seller(), failing, List.of("order.created"));
            subscribe(trade.seller(), owner, List.of("webhook.subscription.paused", "webhook.subscription.resumed"));
            for (int i = 0; i < 3; i++) {
                given.anOrder(trade).withLine(1, "1.00").place();
            }

            await().atMost(PATIENCE)
                    .until(() -> subscription(trade.seller(), failingId)
                            .get("state")
                            .asString()
                            .equals("PAUSED"));
            var paused = subscription(trade.seller(), failingId);
            assertThat(paused.get("consecutiveFailures").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(paused.get("lastError").asString()).isEqualTo("HTTP 500");
            assertThat(paused.has("pausedSince")).isTrue();
            assertThat(paused.has("pausedUntil")).isTrue();
            assertThat(paused.get("active").asBoolean()).isTrue();

            await().atMost(PATIENCE)
                    .until(() ->
                            owner.acceptedOfType("webhook.subscription.paused").size() == 1);
            var told = owner.acceptedOfType("webhook.subscription.paused")
                    .getFirst()
                    .json();
            assertThat(told.at("/data/subscriptionId").asString()).isEqualTo(failingId);
            assertThat(told.at("/data/url").asString()).isEqualTo(failing.url());
            assertThat(told.at("/data/lastError").asString()).isEqualTo("HTTP 500");
            assertThat(told.at("/data/consecutiveFailures").asInt()).isEqualTo(5);

            failing.recover();
            await().atMost(PATIENCE)
                    .until(() ->
                            owner.acceptedOfType("webhook.subscription.resumed").size() == 1);
            var resumed = subscription(trade.seller(), failingId);
            assertThat(resumed.get("state").asString()).isEqualTo("ACTIVE");
            assertThat(resumed.get("consecutiveFailures").asInt()).isZero();
            assertThat(resumed.has("pausedUntil")).isFalse();
            assertThat(owner.acceptedOfType("webhook.subscription.resumed")
                            .getFirst()
                            .json()
                            .at("/data/subscriptionId")
                            .asString())
                    .isEqualTo(failingId);
            // What was not given up on arrives once the endpoint is back.
            await().atMost(PATIENCE).until(() -> deliveries(failingId, "PENDING", null) == 0);
            assertThat(failing.accepted()).hasSize((int) deliveries(failingId, "DELIVERED", null));
        }
    }

    /**
     * While a receiver hangs, a burst of events fills its backlog up to the bound; what comes after
     * is kept as dead letters marked {@code backlog-full}, listed and redeliverable, never dropped.
     */
    @Test
    void aBacklogStopsAtItsBoundAndTheRestAreDeadLettersToRedeliver() {
        try (var hanging = new Receiver().hanging()) {
            var trade = given.trade();
            var id = subscribe(trade.seller(), hanging, List.of("action.finished"));
            burstOfEventsFor(trade.seller(), MAX_BACKLOG + 30);

            await().atMost(PATIENCE)
                    .until(() -> deliveries(id, "PENDING", null) + deliveries(id, "DEAD", null) == MAX_BACKLOG + 30);
            assertThat(deliveries(id, "DEAD", "backlog-full")).isEqualTo(30);
            assertThat(deliveries(id, "PENDING", null) + deliveries(id, "DEAD", "max-attempts"))
                    .isEqualTo(MAX_BACKLOG);

            var dead = api.get(
                            "/api/v1/webhooks/deliveries?status=DEAD&limit=200&subscriptionId=" + id,
                            trade.seller().key())
                    .json()
                    .get("deliveries");
            assertThat(dead.valueStream()
                            .filter(d -> d.get("deadReason").asString().equals("backlog-full")))
                    .hasSize(30);
            // A dead letter of a full backlog is redelivered like any other.
            var redelivered = api.post(
                    "/api/v1/webhooks/deliveries/"
                            + dead.valueStream()
                                    .filter(d -> d.get("deadReason").asString().equals("backlog-full"))
                                    .findFirst()
                                    .orElseThrow()
                                    .get("id")
                                    .asString()
                            + "/redeliver",
                    trade.seller().key(),
                    Map.of());
            assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
            assertThat(redelivered.json().get("status").asString()).isEqualTo("PENDING");
            assertThat(redelivered.json().has("deadReason")).isFalse();
        }
    }

    /**
     * An event that occurred before a subscription was created is not sent to it, even when the
     * relay only gets to it afterwards.
     */
    @Test
    void aSubscriptionReceivesNoEventFromBeforeItExisted() {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            UUID before;
            String id;
            relayPoller.stop();
            try {
                before = UUID.fromString(given.anOrder(trade)
                        .withLine(1, "1.00")
                        .place()
                        .get("id")
                        .asString());
                id = subscribe(trade.buyer(), receiver, List.of("order.created"));
            } finally {
                relayPoller.start();
            }
            var after = given.anOrder(trade).withLine(1, "1.00").place();

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() >= 1);
            // The relay takes events in position order: once the older event is published, whether
            // this subscription got a delivery of it is settled (deliveries are made in that
            // transaction).
            await().atMost(PATIENCE)
                    .until(() ->
                            jdbc.sql("select count(*) from outbox where order_id = :order and published_at is null")
                                            .param("order", before)
                                            .query(Long.class)
                                            .single()
                                    == 0);
            assertThat(jdbc.sql("select count(*) from webhook_deliveries"
                                    + " where order_id = :order and subscription_id = cast(:s as uuid)")
                            .param("order", before)
                            .param("s", id)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(receiver.accepted())
                    .singleElement()
                    .satisfies(
                            request -> assertThat(request.json().get("orderId").asString())
                                    .isEqualTo(after.get("id").asString()));
        }
    }
}
