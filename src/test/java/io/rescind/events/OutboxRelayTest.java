package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Party;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

class OutboxRelayTest extends ApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Autowired
    DataSource dataSource;

    @Autowired
    OutboxRelay relay;

    @Autowired
    List<EventSink> sinks;

    @Autowired
    @Qualifier("outboxRelayPoller")
    Poller relayPoller;

    private void subscribe(Party party, Receiver receiver) {
        var response = api.post("/api/v1/webhooks/subscriptions", party.key(), Map.of("url", receiver.url()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private List<String> eventIdsOf(String orderId) {
        return jdbc.sql("select event_id::text from outbox where order_id = cast(:order as uuid) order by position")
                .param("order", orderId)
                .query(String.class)
                .list();
    }

    /**
     * The classic gap: a transaction takes a position, then commits after a later position was
     * already published. A relay that polls "position > last seen" would never see it.
     */
    @Test
    void anEventThatCommitsLateIsStillPublished() throws Exception {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            subscribe(trade.buyer(), receiver);
            var early = given.anOrder(trade).withLine(1, "1.00").place();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);

            long latePosition;
            try (Connection slow = dataSource.getConnection()) {
                slow.setAutoCommit(false);
                var lateEvent = UUID.randomUUID();
                try (var insert = slow.prepareStatement("""
                                insert into outbox (tenant_id, event_id, type, order_id, payload, occurred_at)
                                select tenant_id, ?, 'line.confirmed', order_id,
                                       jsonb_build_object('orderId', order_id, 'change', jsonb_build_object('late', true)),
                                       now()
                                from purchase_orders where order_id = ?
                                returning position
                                """)) {
                    insert.setObject(1, lateEvent);
                    insert.setObject(2, UUID.fromString(early.get("id").asString()));
                    try (var rs = insert.executeQuery()) {
                        rs.next();
                        latePosition = rs.getLong(1);
                    }
                }

                // Meanwhile a later transaction commits and its event is published.
                var later = given.anOrder(trade).withLine(1, "1.00").place();
                await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2);
                var laterEvent = eventIdsOf(later.get("id").asString()).getFirst();
                long laterPosition = jdbc.sql("select position from outbox where event_id = cast(:id as uuid)")
                        .param("id", laterEvent)
                        .query(Long.class)
                        .single();
                assertThat(laterPosition).isGreaterThan(latePosition);
                assertThat(receiver.accepted().get(1).header("webhook-id")).isEqualTo(laterEvent);

                slow.commit();
                await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 3);
                var late = receiver.accepted().get(2);
                assertThat(late.header("webhook-id")).isEqualTo(lateEvent.toString());
                assertThat(late.json().at("/data/late").asBoolean()).isTrue();
            }
        }
    }

    /** An event taken by a relay that dies after publishing but before marking is published again. */
    @Test
    void aRelayThatDiesBetweenPublishingAndMarkingLosesNothing() {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            subscribe(trade.seller(), receiver);
            var published = new CopyOnWriteArrayList<UUID>();
            var doomed = new java.util.concurrent.atomic.AtomicReference<UUID>();
            EventSink broker = (event, type) -> published.add(event.eventId());
            EventSink crash = (event, type) -> {
                if (event.eventId().equals(doomed.get())) {
                    throw new IllegalStateException("the relay's process dies here");
                }
            };
            var to = new java.util.ArrayList<>(sinks);
            to.add(broker);
            to.add(crash);

            relayPoller.stop();
            String orderId;
            try {
                orderId = given.anOrder(trade)
                        .withLine(1, "1.00")
                        .place()
                        .get("id")
                        .asString();
                var eventId = UUID.fromString(eventIdsOf(orderId).getFirst());
                doomed.set(eventId);

                assertThatThrownBy(() -> {
                            for (int pass = 0; pass < 1000; pass++) {
                                relay.relayBatch(to);
                            }
                        })
                        .hasMessageContaining("dies here");
                assertThat(published).contains(eventId);
                assertThat(jdbc.sql("select published_at is null from outbox where event_id = :id")
                                .param("id", eventId)
                                .query(Boolean.class)
                                .single())
                        .isTrue();
                assertThat(jdbc.sql("select count(*) from webhook_deliveries where event_id = :id")
                                .param("id", eventId)
                                .query(Long.class)
                                .single())
                        .isZero();
            } finally {
                relayPoller.start();
            }

            // After the restart the event goes out again: a duplicate for the broker, nothing lost.
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
            assertThat(receiver.accepted().getFirst().json().get("orderId").asString())
                    .isEqualTo(orderId);
            await().atMost(PATIENCE)
                    .until(() -> jdbc.sql("select count(*) from outbox where order_id = cast(:order as uuid)"
                                            + " and published_at is null")
                                    .param("order", orderId)
                                    .query(Long.class)
                                    .single()
                            == 0);
        }
    }

    /** Internal types the catalog does not publish are passed over without stopping the relay. */
    @Test
    void anUnknownInternalTypeDoesNotBlockTheRelay() {
        try (var receiver = new Receiver()) {
            var trade = given.trade();
            subscribe(trade.buyer(), receiver);
            var order = given.anOrder(trade).withLine(1, "1.00").place();
            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 1);
            jdbc.sql("""
                            insert into outbox (tenant_id, event_id, type, order_id, payload, occurred_at)
                            select tenant_id, gen_random_uuid(), 'something.internal', order_id, '{}', now()
                            from purchase_orders where order_id = cast(:order as uuid)
                            """).param("order", order.get("id").asString()).update();
            var line = order.at("/lines/0/id").asString();
            api.post(
                    "/api/v1/orders/" + order.get("id").asString() + "/lines/" + line + "/confirm",
                    trade.seller().key(),
                    Map.of());

            await().atMost(PATIENCE).until(() -> receiver.accepted().size() == 2);
            assertThat(receiver.accepted().get(1).json().get("type").asString()).isEqualTo("order.line.confirmed");
        }
    }

    /** Relays on several instances at once take each event once (SKIP LOCKED), in order per order. */
    @Test
    void concurrentRelaysPublishEachEventOnce() throws Exception {
        var trade = given.trade();
        var published = new CopyOnWriteArrayList<OutboxEvent>();
        var to = new java.util.ArrayList<>(sinks);
        to.add((event, type) -> published.add(event));
        relayPoller.stop();
        try {
            var orders = new java.util.ArrayList<String>();
            for (int i = 0; i < 6; i++) {
                var order = given.anOrder(trade).withLine(2, "1.00").place();
                var orderPath = "/api/v1/orders/" + order.get("id").asString();
                api.post(
                        orderPath + "/lines/" + order.at("/lines/0/id").asString() + "/confirm",
                        trade.seller().key(),
                        Map.of());
                api.post(orderPath + "/cancel", trade.buyer().key(), Map.of("reason", "CUSTOMER_REQUEST"));
                orders.add(order.get("id").asString());
            }
            var expected =
                    orders.stream().flatMap(id -> eventIdsOf(id).stream()).toList();
            assertThat(expected).hasSize(18);

            try (var instances = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                var runs = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int i = 0; i < 4; i++) {
                    runs.add(instances.submit(() -> {
                        while (relay.relayBatch(to) > 0) {
                            // keep relaying until nothing is left
                        }
                    }));
                }
                for (var run : runs) {
                    run.get();
                }
            }
            var ids = published.stream().map(e -> e.eventId().toString()).toList();
            assertThat(ids).containsAll(expected).doesNotHaveDuplicates();
            for (var orderId : orders) {
                var positions = published.stream()
                        .filter(e -> orderId.equals(String.valueOf(e.orderId())))
                        .map(OutboxEvent::position)
                        .toList();
                assertThat(positions).isSorted().hasSize(3);
            }
        } finally {
            relayPoller.start();
        }
    }
}
