package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookDeliveryTest extends ApiTest {

    @org.springframework.beans.factory.annotation.Autowired
    WebhookDispatcher dispatcher;

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("webhookDeliveryPoller")
    Poller deliveryPoller;

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    record Subscribed(String id, String secret) {}

    private Subscribed subscribe(Party party, Receiver receiver, List<String> types) {
        var response = api.post(
                "/api/v1/webhooks/subscriptions", party.key(), Map.of("url", receiver.url(), "eventTypes", types));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Subscribed(
                response.json().at("/subscription/id").asString(),
                response.json().get("secret").asString());
    }

    private JsonNode cancelOne(JsonNode order, Party as) {
        var response = api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                as.key(),
                Map.of(
                        "reason",
                        "CUSTOMER_REQUEST",
                        "lines",
                        List.of(Map.of("lineId", order.at("/lines/0/id").asString(), "quantity", 1))));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private JsonNode deliveryOf(Party party, String subscriptionId, String type) {
        var list = api.get("/api/v1/webhooks/deliveries?subscriptionId=" + subscriptionId, party.key())
                .json()
                .get("deliveries");
        for (var delivery : list) {
            if (delivery.get("type").asString().equals(type)) {
                return api.get(
                                "/api/v1/webhooks/deliveries/"
                                        + delivery.get("id").asString(),
                                party.key())
                        .json();
            }
        }
        return null;
    }

    @Test
    void deliveriesAreSignedAsStandardWebhooksPrescribe() {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            var subscription = subscribe(trade.seller(), receiver, List.of());
            var order = given.anOrder(trade).withLine(3, "10.00").place();
            var cancellation = cancelOne(order, trade.buyer());

            await().atMost(PATIENCE)
                    .until(() -> receiver.acceptedOfType("cancellation.applied").size() == 1);
            var created = receiver.acceptedOfType("order.created").getFirst();
            var cancelled = receiver.acceptedOfType("cancellation.applied").getFirst();

            for (var request : List.of(created, cancelled)) {
                assertThat(request.verifies(subscription.secret())).isTrue();
                assertThat(request.header("webhook-id"))
                        .isEqualTo(request.json().get("id").asString());
                assertThat(request.header("webhook-signature")).startsWith("v1,");
                assertThat(request.header("content-type")).startsWith("application/json");
            }
            var envelope = cancelled.json();
            assertThat(envelope.get("version").asInt()).isEqualTo(1);
            assertThat(envelope.get("orderId").asString())
                    .isEqualTo(order.get("id").asString());
            assertThat(envelope.get("actor").asString())
                    .isEqualTo(trade.buyer().id().toString());
            assertThat(envelope.at("/data/cancellationId").asString())
                    .isEqualTo(cancellation.get("id").asString());
            assertThat(envelope.at("/data/lines/0/quantity").asLong()).isEqualTo(1);

            // Another secret, a changed body or a replayed old timestamp do not verify.
            assertThat(cancelled.verifies(
                            "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))
                    .isFalse();
            var tampered = new Receiver.Received(
                    cancelled.headers(), cancelled.body().replace("\"quantity\":1", "\"quantity\":2"), 200);
            assertThat(tampered.verifies(subscription.secret())).isFalse();
            var oldHeaders = new HashMap<>(cancelled.headers());
            oldHeaders.put(
                    "webhook-timestamp",
                    List.of(Long.toString(Long.parseLong(cancelled.header("webhook-timestamp")) - 3600)));
            assertThat(new Receiver.Received(oldHeaders, cancelled.body(), 200).verifies(subscription.secret()))
                    .isFalse();
        }
    }

    @Test
    void aReceiverThatFailsAndRecoversGetsTheEventExactlyOnceMore() {
        try (var receiver = new Receiver().failing(2)) {
            var trade = given.trade();
            var subscription = subscribe(trade.buyer(), receiver, List.of("order.created"));
            var order = given.anOrder(trade).withLine(1, "5.00").place();

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
            await().atMost(PATIENCE)
                    .until(() -> deliveryOf(trade.buyer(), subscription.id(), "order.created")
                            .get("status")
                            .asString()
                            .equals("DELIVERED"));
            var delivery = deliveryOf(trade.buyer(), subscription.id(), "order.created");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
            var log = delivery.get("attemptLog");
            assertThat(log).hasSize(3);
            assertThat(log.get(0).get("statusCode").asInt()).isEqualTo(500);
            assertThat(log.get(0).get("error").asString()).isEqualTo("HTTP 500");
            assertThat(log.get(1).get("statusCode").asInt()).isEqualTo(500);
            assertThat(log.get(2).get("statusCode").asInt()).isEqualTo(200);
            assertThat(log.get(2).has("latencyMs")).isTrue();

            // Every try carried the same event id, so a receiver can drop duplicates.
            var ids = receiver.all().stream()
                    .map(r -> r.header("webhook-id"))
                    .distinct()
                    .toList();
            assertThat(ids).containsExactly(delivery.get("eventId").asString());
            assertThat(receiver.all()).hasSize(3);
            assertThat(receiver.accepted().getFirst().json().get("orderId").asString())
                    .isEqualTo(order.get("id").asString());

            await().atMost(PATIENCE)
                    .untilAsserted(() -> assertThat(
                                    api.get("/actuator/prometheus", null).text())
                            .contains("rescind_webhooks_attempts_seconds_count{result=\"delivered\"")
                            .contains("rescind_webhooks_attempts_seconds_count{result=\"failed\""));
        }
    }

    @Test
    void aDeadLetterIsListedAndCanBeRedelivered() {
        try (var receiver = new Receiver().down()) {
            var trade = given.trade();
            var subscription = subscribe(trade.seller(), receiver, List.of("order.created"));
            given.anOrder(trade).withLine(1, "5.00").place();

            await().atMost(PATIENCE)
                    .until(() -> api.get(
                                            "/api/v1/webhooks/deliveries?status=DEAD&subscriptionId="
                                                    + subscription.id(),
                                            trade.seller().key())
                                    .json()
                                    .get("deliveries")
                                    .size()
                            == 1);
            var dead = api.get(
                            "/api/v1/webhooks/deliveries?status=DEAD&subscriptionId=" + subscription.id(),
                            trade.seller().key())
                    .json()
                    .at("/deliveries/0");
            assertThat(dead.get("attempts").asInt()).isEqualTo(4);
            assertThat(receiver.all()).hasSize(4);
            assertThat(receiver.accepted()).isEmpty();

            // An operator sees the dead letter too; the buyer, who did not subscribe, does not.
            var deadId = dead.get("id").asString();
            assertThat(api.get("/api/v1/webhooks/deliveries/" + deadId, OPERATOR_KEY)
                            .status())
                    .isEqualTo(200);
            assertThat(api.get(
                                    "/api/v1/webhooks/deliveries/" + deadId,
                                    trade.buyer().key())
                            .status())
                    .isEqualTo(404);

            receiver.recover();
            var redelivered = api.post("/api/v1/webhooks/deliveries/" + deadId + "/redeliver", OPERATOR_KEY, Map.of());
            assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(202);
            assertThat(redelivered.json().get("status").asString()).isEqualTo("PENDING");

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
            await().atMost(PATIENCE)
                    .until(() -> api.get(
                                    "/api/v1/webhooks/deliveries/" + deadId,
                                    trade.seller().key())
                            .json()
                            .get("status")
                            .asString()
                            .equals("DELIVERED"));
            // Read once delivered: the four failed attempts and the one that succeeded, in order.
            var delivered = api.get(
                            "/api/v1/webhooks/deliveries/" + deadId,
                            trade.seller().key())
                    .json();
            var log = delivered.get("attemptLog");
            assertThat(log).hasSize(5);
            assertThat(log.valueStream().map(a -> a.get("statusCode").asInt()))
                    .containsExactly(500, 500, 500, 500, 200);
            assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
            assertThat(receiver.accepted().getFirst().header("webhook-id"))
                    .isEqualTo(dead.get("eventId").asString());
        }
    }

    @Test
    void eachReceiverGetsTheEventsOfAnOrderInOrder() {
        try (var receiver = new Receiver().failing(1)) {
            var trade = given.trade();
            subscribe(trade.seller(), receiver, List.of());
            var order =
                    given.anOrder(trade).withLine(5, "1.00").withLine(5, "1.00").place();
            var orderPath = "/api/v1/orders/" + order.get("id").asString();
            var first = order.at("/lines/0/id").asString();
            var second = order.at("/lines/1/id").asString();
            // The first delivery fails, so everything after it has to wait for its retry.
            assertThat(api.post(
                                    orderPath + "/lines/" + first + "/confirm",
                                    trade.seller().key(),
                                    Map.of())
                            .status())
                    .isEqualTo(200);
            cancelOne(order, trade.buyer());
            assertThat(api.post(
                                    orderPath + "/lines/" + second + "/reject",
                                    trade.seller().key(),
                                    Map.of())
                            .status())
                    .isEqualTo(200);
            cancelOne(order, trade.seller());

            var expected = List.of(
                    "order.created",
                    "order.line.confirmed",
                    "cancellation.applied",
                    "order.line.rejected",
                    "cancellation.applied");
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == expected.size());
            assertThat(receiver.accepted().stream()
                            .map(r -> r.json().get("type").asString())
                            .toList())
                    .containsExactlyElementsOf(expected);
            assertThat(receiver.all().getFirst().answered()).isEqualTo(500);
        }
    }

    @Test
    void aPartyOnlyHearsOfOrdersItTakesPartIn() {
        try (var mine = new Receiver();
                var theirs = new Receiver()) {
            var trade = given.trade();
            var stranger = given.trade();
            subscribe(trade.buyer(), mine, List.of("order.created"));
            subscribe(stranger.seller(), theirs, List.of("order.created"));
            var order = given.anOrder(trade).withLine(1, "1.00").place();
            var other = given.anOrder(stranger).withLine(1, "1.00").place();

            await().atMost(PATIENCE)
                    .until(() ->
                            mine.accepted().size() == 1 && theirs.accepted().size() == 1);
            assertThat(mine.accepted().getFirst().json().get("orderId").asString())
                    .isEqualTo(order.get("id").asString());
            assertThat(theirs.accepted().getFirst().json().get("orderId").asString())
                    .isEqualTo(other.get("id").asString());
        }
    }

    @Test
    void aTradecloudFlavouredSubscriptionGetsTradecloudEventNames() {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            var response = api.post(
                    "/api/v1/webhooks/subscriptions",
                    trade.seller().key(),
                    Map.of(
                            "url",
                            receiver.url(),
                            "eventTypes",
                            List.of("cancellation.applied"),
                            "flavour",
                            "tradecloud"));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            var order = given.anOrder(trade).withLine(3, "10.00").place();
            cancelOne(order, trade.buyer());
            cancelOne(order, trade.seller());

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2);
            var byBuyer = receiver.accepted().get(0).json();
            assertThat(byBuyer.get("type").asString()).isEqualTo("OrderLinesCancelledByBuyer");
            assertThat(byBuyer.get("eventName").asString()).isEqualTo("OrderLinesCancelledByBuyer");
            // Tradecloud names no event for a cancel by the supplier: the canonical name stays.
            assertThat(receiver.accepted().get(1).json().get("type").asString()).isEqualTo("cancellation.applied");
        }
    }

    @Test
    void aHangingReceiverHoldsUpNeitherTheCancelNorOtherSubscribers() {
        try (var hanging = new Receiver().hanging();
                var healthy = new Receiver()) {
            var trade = given.trade();
            subscribe(trade.seller(), hanging, List.of());
            subscribe(trade.buyer(), healthy, List.of());
            var order = given.anOrder(trade).withLine(3, "10.00").place();
            await().atMost(PATIENCE).until(() -> hanging.arrived() == 1);

            cancelOne(order, trade.buyer());
            await().atMost(PATIENCE)
                    .until(() -> healthy.acceptedOfType("cancellation.applied").size() == 1);
            assertThat(hanging.accepted()).isEmpty();
            // The hanging attempt is still in flight: it has neither timed out nor been recorded. A
            // dispatcher that delivered one at a time would have had to finish it first.
            assertThat(jdbc.sql("""
                                    select count(*) from webhook_attempts a
                                    join webhook_deliveries d on d.tenant_id = a.tenant_id and d.delivery_id = a.delivery_id
                                    join webhook_subscriptions s on s.tenant_id = d.tenant_id
                                                                and s.subscription_id = d.subscription_id
                                    where s.url = :url
                                    """)
                            .param("url", hanging.url())
                            .query(Long.class)
                            .single())
                    .isZero();

            hanging.release();
            await().atMost(PATIENCE).until(() -> hanging.accepted().size() == 2);
        }
    }

    /**
     * An instance posts a delivery and dies before recording it. Its lease runs out and another
     * instance delivers again: the receiver sees the event twice under one webhook-id, nothing lost.
     */
    @Test
    void aDeliveryWhoseInstanceDiedMidwayIsMadeAgainAfterItsLease() {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            var subscription = subscribe(trade.buyer(), receiver, List.of("order.created"));
            deliveryPoller.stop();
            try {
                given.anOrder(trade).withLine(1, "1.00").place();
                await().atMost(PATIENCE)
                        .until(() -> jdbc.sql("select count(*) from webhook_deliveries"
                                                + " where subscription_id = cast(:s as uuid)")
                                        .param("s", subscription.id())
                                        .query(Long.class)
                                        .single()
                                == 1);
                // The doomed instance claims and posts, then dies before it records anything.
                var claimed = dispatcher.claim(50);
                var ours = claimed.stream()
                        .filter(c -> c.url().equals(receiver.url()))
                        .toList();
                assertThat(ours).hasSize(1);
                assertThat(dispatcher.post(ours.getFirst())).isInstanceOf(WebhookDispatcher.Outcome.Delivered.class);
                assertThat(receiver.accepted()).hasSize(1);
            } finally {
                // Time passes: the dead instance's leases run out.
                for (var delivery : claimed()) {
                    jdbc.sql("update webhook_deliveries set lease_until = now() - interval '1 second'"
                                    + " where delivery_id = :id")
                            .param("id", delivery)
                            .update();
                }
                deliveryPoller.start();
            }

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2);
            assertThat(receiver.accepted().get(0).header("webhook-id"))
                    .isEqualTo(receiver.accepted().get(1).header("webhook-id"));
            await().atMost(PATIENCE)
                    .until(() -> deliveryOf(trade.buyer(), subscription.id(), "order.created")
                            .get("status")
                            .asString()
                            .equals("DELIVERED"));
            var delivery = deliveryOf(trade.buyer(), subscription.id(), "order.created");
            // Two attempts were made; only the one that lived to tell is in the log.
            assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
            assertThat(delivery.get("attemptLog")).hasSize(1);
            assertThat(delivery.at("/attemptLog/0/attempt").asInt()).isEqualTo(2);
        }
    }

    private List<java.util.UUID> claimed() {
        return jdbc.sql("select delivery_id from webhook_deliveries where status = 'PENDING' and lease_until > now()")
                .query(java.util.UUID.class)
                .list();
    }

    /**
     * A URL that passed the check when registered but now points into the private network (DNS
     * rebinding) is refused at delivery time; the refusal is a recorded failed attempt.
     */
    @Test
    void theAddressIsCheckedAgainAtDeliveryTime() {
        var trade = given.trade();
        var subscriptionId = java.util.UUID.randomUUID();
        // As if "hooks.example" resolved to a public address at registration and to 10.x now.
        jdbc.sql("""
                        insert into webhook_subscriptions (tenant_id, subscription_id, party_id, party_role, url,
                                                           event_types, flavour, secret)
                        select tenant_id, :id, party_id, role, 'http://10.255.255.1/hooks', '{}', 'canonical', :secret
                        from parties where party_id = :party
                        """)
                .param("id", subscriptionId)
                .param("party", trade.seller().id())
                .param("secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .update();
        given.anOrder(trade).withLine(1, "1.00").place();

        await().atMost(PATIENCE).until(() -> {
            var delivery = deliveryOf(trade.seller(), subscriptionId.toString(), "order.created");
            return delivery != null && delivery.get("attemptLog").size() >= 1;
        });
        var attempt = deliveryOf(trade.seller(), subscriptionId.toString(), "order.created")
                .at("/attemptLog/0");
        assertThat(attempt.get("error").asString()).startsWith("refused: ").contains("10.255.255.1");
        assertThat(attempt.has("statusCode")).isFalse();
    }
}
