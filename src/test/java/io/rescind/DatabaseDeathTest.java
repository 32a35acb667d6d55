package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.DatabaseServer;
import io.rescind.support.Fixtures.Trade;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL dies under requests that are in the middle of their transaction — after they changed
 * the order's lines, while they wait to restock the seller's inventory: each is answered 503 with
 * {@code Retry-After} in its API's shape (a failed rollback must not hide the connection error as a
 * 500), nothing of it is applied, and the service carries on. A killed backend is the small case;
 * a killed postmaster is the large one, after which the embedded server is restarted by its
 * supervisor. Health is DOWN while the database is away and UP when it is back.
 *
 * <p>Every test class shares the one embedded server: each test leaves it running and usable.
 */
class DatabaseDeathTest extends ApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private DataSource dataSource;

    /**
     * Two orders whose cancels will stop halfway: the seller's stock row of their SKU is locked by
     * the test. Two orders, because two cancels of one order would queue on its lock instead.
     */
    private record Stuck(Trade trade, JsonNode order, JsonNode other) {}

    private Stuck ordersWithTrackedStock() {
        var trade = given.trade();
        var stock = api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", 10));
        assertThat(stock.status()).as(stock.toString()).isEqualTo(200);
        return new Stuck(
                trade,
                given.anOrder(trade).withLine(3, "10.00").place(),
                given.anOrder(trade).withLine(3, "10.00").place());
    }

    /** Holds the stock row of the seller's SKU-1 in a transaction of its own until closed. */
    private Connection lockStock(Stuck stuck) throws SQLException {
        var connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (var statement = connection.prepareStatement(
                "select available from inventory where seller_id = ? and sku = 'SKU-1' for update")) {
            statement.setObject(1, stuck.trade().seller().id());
            statement.executeQuery().close();
        }
        return connection;
    }

    /** Backends of requests waiting for the stock row: they have already changed the order's lines. */
    private List<Integer> backendsWaitingForStock() {
        return jdbc.sql("""
                        select pid from pg_stat_activity
                        where wait_event_type = 'Lock' and query ilike '%inventory%' and pid <> pg_backend_pid()
                        """).query(Integer.class).list();
    }

    /** The canonical cancel and hlconnect's, both for the whole line. */
    private List<Supplier<Api.Response>> cancels(Stuck stuck) {
        var orderId = stuck.order().get("id").asString();
        var number = stuck.other().get("number").asLong();
        return List.of(
                () -> api.post(
                        "/api/v1/orders/" + orderId + "/cancellations",
                        stuck.trade().buyer().key(),
                        Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1)))),
                () -> api.request("DELETE", "/purchase/cancel?order_id=" + number + "&order_line_id=1")
                        .key(stuck.trade().buyer().key())
                        .send());
    }

    private static void assertUnavailableInTheirShapes(List<Api.Response> answers) {
        var canonical = answers.get(0);
        assertThat(canonical.status()).as(canonical.toString()).isEqualTo(503);
        assertThat(canonical.header("Retry-After")).isEqualTo("5");
        assertThat(canonical.header("Content-Type")).startsWith("application/problem+json");
        assertThat(canonical.json().get("type").asString()).isEqualTo("/problems/service-unavailable");
        var hlconnect = answers.get(1);
        assertThat(hlconnect.status()).as(hlconnect.toString()).isEqualTo(503);
        assertThat(hlconnect.header("Retry-After")).isEqualTo("5");
        assertThat(hlconnect.header("Content-Type")).startsWith("application/json");
        assertThat(hlconnect.text()).contains("Temporarily unavailable");
    }

    private void assertNothingApplied(Stuck stuck) {
        var order = api.get(
                "/api/v1/orders/" + stuck.order().get("id").asString(),
                stuck.trade().buyer().key());
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        assertThat(order.json().at("/lines/0/status").asString()).isEqualTo("ISSUED");
        assertThat(order.json().at("/lines/0/cancelledQuantity").asLong()).isZero();
        var stock = api.get("/api/v1/inventory/SKU-1", stuck.trade().seller().key());
        assertThat(stock.json().get("available").asLong()).isEqualTo(10);
    }

    private List<Future<Api.Response>> sendAll(
            java.util.concurrent.ExecutorService executor, List<Supplier<Api.Response>> requests) {
        var futures = new ArrayList<Future<Api.Response>>();
        for (var request : requests) {
            futures.add(executor.submit(request::get));
        }
        return futures;
    }

    private static List<Api.Response> answers(List<Future<Api.Response>> futures) throws Exception {
        var answers = new ArrayList<Api.Response>();
        for (var future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    @Test
    void requestsWhoseBackendIsKilledMidTransactionAre503AndNothingIsApplied() throws Exception {
        var stuck = ordersWithTrackedStock();
        List<Api.Response> answers;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor();
                var lock = lockStock(stuck)) {
            var inFlight = sendAll(executor, cancels(stuck));
            await().atMost(PATIENCE).until(() -> backendsWaitingForStock().size() == 2);
            for (var pid : backendsWaitingForStock()) {
                jdbc.sql("select pg_terminate_backend(:pid)")
                        .param("pid", pid)
                        .query(Boolean.class)
                        .single();
            }
            answers = answers(inFlight);
            lock.rollback();
        }
        assertUnavailableInTheirShapes(answers);
        assertNothingApplied(stuck);
    }

    @Test
    void whenThePostmasterIsKilledInFlightRequestsAre503AndTheServerIsRestarted() throws Exception {
        var stuck = ordersWithTrackedStock();
        var dataDirectory =
                Path.of(jdbc.sql("show data_directory").query(String.class).single());
        var postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                        .getFirst()
                        .strip()))
                .orElseThrow();
        List<Api.Response> answers;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var lock = lockStock(stuck);
            var inFlight = sendAll(executor, cancels(stuck));
            await().atMost(PATIENCE).until(() -> backendsWaitingForStock().size() == 2);

            postmaster.destroyForcibly(); // kill -9
            answers = answers(inFlight);
            try {
                lock.close();
            } catch (SQLException gone) {
                // Its backend died with the postmaster.
            }
        }
        assertUnavailableInTheirShapes(answers);

        // The supervisor starts a new postmaster on the same data and port; the pool reconnects.
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/actuator/health", null).status() == 200);
        var restarted = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .getFirst()
                .strip());
        assertThat(restarted).isNotEqualTo(postmaster.pid());
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(
                                        "/api/v1/orders/"
                                                + stuck.order().get("id").asString(),
                                        stuck.trade().buyer().key())
                                .status()
                        == 200);
        assertNothingApplied(stuck);

        // And the cancel that failed goes through when sent again.
        assertThat(cancels(stuck).getFirst().get().status()).isEqualTo(201);
    }

    /**
     * Eight clients keep cancelling units and reading orders on the canonical API and on hlconnect
     * while the postmaster is killed: every answer is a success, a refusal, or a 503 in its API's
     * shape with {@code Retry-After} — not one 500 — and once the supervisor has restarted the
     * server, the clients' requests succeed again.
     */
    @Test
    void underLoadAKilledPostmasterCostsOnly503s() throws Exception {
        var trade = given.trade();
        var orders = new ArrayList<JsonNode>();
        for (int i = 0; i < 8; i++) {
            orders.add(given.anOrder(trade).withLine(1000, "1.00").place());
        }
        var answers = new java.util.concurrent.ConcurrentLinkedQueue<Api.Response>();
        var running = new java.util.concurrent.atomic.AtomicBoolean(true);
        var dataDirectory =
                Path.of(jdbc.sql("show data_directory").query(String.class).single());
        var postmaster = ProcessHandle.of(Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                        .getFirst()
                        .strip()))
                .orElseThrow();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < 8; client++) {
                var order = orders.get(client);
                var id = order.get("id").asString();
                var number = order.get("number").asLong();
                executor.submit(() -> {
                    for (int n = 0; running.get(); n++) {
                        answers.add(
                                switch (n % 3) {
                                    case 0 ->
                                        api.post(
                                                "/api/v1/orders/" + id + "/cancellations",
                                                trade.buyer().key(),
                                                Map.of(
                                                        "reason",
                                                        "CUSTOMER_REQUEST",
                                                        "lines",
                                                        List.of(Map.of("lineNumber", 1, "quantity", 1))));
                                    case 1 ->
                                        api.get(
                                                "/api/v1/orders/" + id,
                                                trade.seller().key());
                                    default ->
                                        api.get(
                                                "/purchase/info?order_id=" + number,
                                                trade.buyer().key());
                                });
                    }
                    return null;
                });
            }
            await().atMost(PATIENCE).until(() -> answers.size() >= 100);
            postmaster.destroyForcibly(); // kill -9, under load
            await().atMost(PATIENCE).until(() -> answers.stream().anyMatch(a -> a.status() == 503));
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/actuator/health", null).status() == 200);
            var afterRestart = answers.size();
            await().atMost(PATIENCE).until(() -> answers.size() >= afterRestart + 100);
            running.set(false);
        }

        org.slf4j.LoggerFactory.getLogger(DatabaseDeathTest.class)
                .info(
                        "Postmaster killed under load: {} answers, {} of them 503, {} of them 500",
                        answers.size(),
                        answers.stream().filter(a -> a.status() == 503).count(),
                        answers.stream().filter(a -> a.status() == 500).count());
        assertThat(answers.stream().map(Api.Response::status).distinct())
                .as("statuses")
                .isSubsetOf(200, 201, 503);
        for (var unavailable : answers.stream().filter(a -> a.status() == 503).toList()) {
            assertThat(unavailable.header("Retry-After")).isEqualTo("5");
            assertThat(unavailable.header("Content-Type")).startsWith("application/");
            assertThat(unavailable.text()).containsAnyOf("/problems/service-unavailable", "Temporarily unavailable");
        }
        // The last answers, after the restart, are successes again.
        var last = new ArrayList<>(answers).subList(answers.size() - 16, answers.size());
        assertThat(last).extracting(Api.Response::status).containsOnly(200, 201);
    }

    /**
     * Health tells the truth: DOWN (503) while the server is stopped, UP once it is back. A server
     * stopped on purpose is left stopped by the supervisor: like an external database, it is the
     * operator who starts it again, and the pool uses it again without a restart of the service.
     */
    @Test
    void healthIsDownWhileTheDatabaseIsAwayAndUpWhenItIsBack() throws Exception {
        var server = DatabaseServer.of(jdbc);
        server.stop();
        try {
            var health = api.get("/actuator/health", null);
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
            // Not restarted behind the operator's back.
            assertThat(api.get("/actuator/health", null).status()).isEqualTo(503);
        } finally {
            server.start();
        }
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/actuator/health", null).status() == 200);
        assertThat(api.get("/actuator/health", null).json().get("status").asString())
                .isEqualTo("UP");
    }
}
