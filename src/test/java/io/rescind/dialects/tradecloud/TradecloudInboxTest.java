package io.rescind.dialects.tradecloud;

import static io.rescind.dialects.tradecloud.TradecloudMessages.basic;
import static io.rescind.dialects.tradecloud.TradecloudMessages.indicators;
import static io.rescind.dialects.tradecloud.TradecloudMessages.placed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.rescind.RescindApplication;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The inbox of a purchase order: once a message for an order is queued (202), every later message
 * for that order queues behind it until the queue is drained, and the queue is carried out in
 * arrival order, each message exactly once, also by several workers. The test plays the long
 * change that holds an order's lock, and a worker busy with a queued message, by taking those row
 * locks itself on connections of its own.
 */
class TradecloudInboxTest extends ApiTest {

    private static final String INDICATORS = "/v2/api-connector/order/indicators";

    @Autowired
    private DataSource dataSource;

    @Test
    void messagesForALockedOrderQueueAndApplyInArrivalOrderWhileOtherOrdersGoOn() throws Exception {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002", "0003", "0004");
        var orderId = orderId(trade, number);
        var other = placed(given, trade, "0001");

        try (var longChange = lockOrder(orderId)) {
            assertThat(cancel(trade, number, "0001").status()).isEqualTo(202);
            assertThat(cancel(trade, number, "0002").status()).isEqualTo(202);
            // Another order is not held up by this one's lock or queue.
            var elsewhere = cancel(trade, other, "0001");
            assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
            assertThat(statuses(trade, other)).containsExactly("Cancelled");

            try (var busyWorker = lockOldestQueued(orderId)) {
                longChange.rollback();
                // The order's lock is free now, but two messages are still queued: the third waits
                // behind them rather than overtaking.
                var third = cancel(trade, number, "0003");
                assertThat(third.status()).as(third.toString()).isEqualTo(202);
                assertThat(statuses(trade, number)).containsExactly("Issued", "Issued", "Issued", "Issued");
                busyWorker.rollback();
            }
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(trade, number))
                        .containsExactly("Cancelled", "Cancelled", "Cancelled", "Issued"));
        assertThat(cancelledInHistory(trade, orderId)).containsExactly("0001", "0002", "0003");
        // The queue is drained: the next message is carried out at once again.
        assertThat(cancel(trade, number, "0004").status()).isEqualTo(200);
        assertThat(cancelledInHistory(trade, orderId)).containsExactly("0001", "0002", "0003", "0004");
        assertThat(refusalsInHistory(trade, orderId)).isZero();
    }

    @Test
    void aMessageCancellingSeveralLinesIsQueuedWholeAndEachLineKeepsItsOwnOutcome() throws Exception {
        var trade = given.trade();
        var number = placed(given, trade, "0001", "0002", "0003");
        var orderId = orderId(trade, number);
        assertThat(cancel(trade, number, "0002").status()).isEqualTo(200);

        try (var longChange = lockOrder(orderId)) {
            // Order-level cancelled: every line, including 0002 that is already cancelled.
            var all = send(trade, indicators(number, Map.of("cancelled", true), Map.of()));
            assertThat(all.status()).as(all.toString()).isEqualTo(202);
            longChange.rollback();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(statuses(trade, number)).containsExactly("Cancelled", "Cancelled", "Cancelled"));
        assertThat(cancelledInHistory(trade, orderId)).containsExactly("0002", "0001", "0003");
        // The queued cancel of 0002 was refused on its own, and recorded as such.
        assertThat(refusalsInHistory(trade, orderId)).isEqualTo(1);
    }

    @Test
    void messagesArrivingTogetherAreQueuedOnceEachAndAppliedInTheOrderTheyWereQueued() throws Exception {
        var trade = given.trade();
        var positions = List.of("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008");
        var number = placed(given, trade, positions.toArray(String[]::new));
        var orderId = orderId(trade, number);

        try (var longChange = lockOrder(orderId)) {
            try (var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var sent = positions.stream()
                        .map(position -> clients.submit(() -> cancel(trade, number, position)))
                        .toList();
                for (var response : sent) {
                    assertThat(response.get().status())
                            .as(response.get().toString())
                            .isEqualTo(202);
                }
            }
            longChange.rollback();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(statuses(trade, number)).containsOnly("Cancelled"));
        // Whatever order they arrived in, they were applied in the order they were queued.
        var queued = jdbc.sql("""
                        select a.command -> 0 -> 'scope' -> 'lines' -> 0 -> 'line' ->> 'position' from actions a
                        where a.order_id = :order order by a.sequence""").param("order", orderId).query(String.class).list();
        assertThat(queued).containsExactlyInAnyOrderElementsOf(positions);
        assertThat(cancelledInHistory(trade, orderId)).containsExactlyElementsOf(queued);
        assertThat(refusalsInHistory(trade, orderId)).isZero();
    }

    @Test
    void queuesOfSeveralOrdersAreWorkedByTwoInstancesInOrderAndExactlyOnce() throws Exception {
        var trade = given.trade();
        var positions = List.of("0001", "0002", "0003", "0004", "0005");
        var numbers = new ArrayList<String>();
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 3; i++) {
            numbers.add(placed(given, trade, positions.toArray(String[]::new)));
            ids.add(orderId(trade, numbers.getLast()));
        }
        var database = (HikariDataSource) dataSource;
        // A second instance of the service on the same database, with a worker of its own
        // (command-line arguments win over application.properties).
        try (var secondInstance = new SpringApplicationBuilder(RescindApplication.class)
                .run(
                        "--spring.datasource.url=" + database.getJdbcUrl(),
                        "--spring.datasource.username=" + database.getUsername(),
                        "--spring.datasource.hikari.maximum-pool-size=6",
                        "--server.port=0",
                        "--rescind.bootstrap.demo=false",
                        "--rescind.events.relay.enabled=false",
                        "--rescind.events.webhooks.enabled=false",
                        "--rescind.actions.worker.threads=3",
                        "--rescind.actions.worker.poll-interval=50ms")) {
            var locks = new ArrayList<Connection>();
            try {
                for (var id : ids) {
                    locks.add(lockOrder(id));
                }
                // Interleaved: each order's queue gets its messages in position order.
                for (var position : positions) {
                    for (var number : numbers) {
                        var response = cancel(trade, number, position);
                        assertThat(response.status()).as(response.toString()).isEqualTo(202);
                    }
                }
            } finally {
                for (var lock : locks) {
                    lock.rollback();
                    lock.close();
                }
            }
            for (var number : numbers) {
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertThat(statuses(trade, number))
                                .containsOnly("Cancelled")
                                .hasSize(positions.size()));
            }
        }
        for (var id : ids) {
            assertThat(cancelledInHistory(trade, id)).containsExactlyElementsOf(positions);
            assertThat(refusalsInHistory(trade, id)).isZero();
            assertThat(api.get(
                                    "/api/v1/orders/" + id + "/cancellations",
                                    trade.buyer().key())
                            .json())
                    .hasSize(positions.size());
        }
    }

    // --- the test's own locks

    /** Holds the order's row lock as a long change would, until the connection rolls back. */
    private Connection lockOrder(UUID orderId) throws SQLException {
        var connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var statement =
                connection.prepareStatement("select 1 from purchase_orders where order_id = ? for no key update")) {
            statement.setObject(1, orderId);
            statement.executeQuery().close();
        }
        return connection;
    }

    /** Holds the oldest queued message of the order, as a worker carrying it out would. */
    private Connection lockOldestQueued(UUID orderId) throws SQLException {
        var connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var statement = connection.prepareStatement("""
                select action_id from actions
                where order_id = ? and status = 'PENDING'
                order by sequence
                limit 1
                for update""")) {
            statement.setObject(1, orderId);
            try (var rows = statement.executeQuery()) {
                assertThat(rows.next()).as("a queued message").isTrue();
            }
        }
        return connection;
    }

    // --- a Tradecloud client

    private Api.Response cancel(Trade trade, String number, String position) {
        return send(trade, indicators(number, null, Map.of(position, Map.of("cancelled", true))));
    }

    private Api.Response send(Trade trade, Object body) {
        return api.request("POST", INDICATORS)
                .header("Authorization", basic(trade.buyer()))
                .json(body)
                .send();
    }

    private UUID orderId(Trade trade, String number) {
        var page = api.get("/api/v1/orders?limit=100", trade.buyer().key()).json();
        return page.get("items")
                .valueStream()
                .filter(o -> o.get("orderNumber").asString().equals(number))
                .map(o -> UUID.fromString(o.get("id").asString()))
                .findFirst()
                .orElseThrow();
    }

    private List<String> statuses(Trade trade, String number) {
        var response = api.request("GET", "/v2/order/" + orderId(trade, number))
                .header("Authorization", "Bearer " + trade.buyer().key())
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json()
                .get("lines")
                .valueStream()
                .map(l -> l.at("/status/processStatus").asString())
                .toList();
    }

    private List<JsonNode> history(Trade trade, UUID orderId) {
        return api.get("/api/v1/orders/" + orderId + "/history", trade.buyer().key())
                .json()
                .valueStream()
                .toList();
    }

    /** The positions cancelled, in the order the cancels were applied. */
    private List<String> cancelledInHistory(Trade trade, UUID orderId) {
        return history(trade, orderId).stream()
                .filter(e -> e.get("type").asString().equals("cancellation.applied"))
                .flatMap(e -> e.at("/detail/lines").valueStream())
                .map(line -> line.get("position").asString())
                .toList();
    }

    private long refusalsInHistory(Trade trade, UUID orderId) {
        return history(trade, orderId).stream()
                .filter(e -> e.get("type").asString().equals("cancellation.refused"))
                .count();
    }
}
