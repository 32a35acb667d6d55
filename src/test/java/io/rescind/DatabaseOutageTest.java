package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.DatabaseServer;
import io.rescind.support.Fixtures.Trade;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The database really stops while the service runs: requests that need it are answered 503 with
 * {@code Retry-After}, in each API's own shape, and nothing of them is applied; once the database
 * is back on the same port the service answers again without a restart, and its background workers
 * (actions, outbox relay, webhooks, expiry of pending requests) have carried on.
 *
 * <p>Every test class shares the one embedded server: it is started again in {@code finally}, and
 * this class waits until the service can use it before it ends (test classes run one at a time).
 */
class DatabaseOutageTest extends ApiTest {

    private static final String INDICATORS = "/v2/api-connector/order/indicators";
    private static final String ORDER = "/v2/api-connector/order";

    @Autowired
    private DataSource dataSource;

    @Test
    void whileTheDatabaseIsDownRequestsAre503AndNothingIsAppliedAndTheServiceRecovers() throws Exception {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(3, "10.00", Map.of("position", "0001"))
                .withLine(3, "10.00", Map.of("position", "0002"))
                .place();
        var orderId = order.get("id").asString();
        var number = order.get("orderNumber").asString();
        var historyBefore = history(trade, orderId);

        var server = DatabaseServer.of(jdbc);
        List<Api.Response> answers;
        server.stop();
        try {
            // Each request waits for a connection until the pool gives up; sent together.
            answers = inParallel(
                    () -> tradecloud(
                            trade,
                            INDICATORS,
                            Map.of(
                                    "order",
                                    Map.of("purchaseOrderNumber", number, "indicators", Map.of("cancelled", true)))),
                    () -> tradecloud(
                            trade,
                            ORDER,
                            Map.of(
                                    "order",
                                    Map.of(
                                            "supplierAccountNumber",
                                                    trade.seller().id().toString(),
                                            "purchaseOrderNumber", number,
                                            "indicators", Map.of("cancelLineWhenMissing", true)),
                                    "lines",
                                    List.of())),
                    () -> api.post(
                            "/api/v1/orders/" + orderId + "/cancellations",
                            trade.buyer().key(),
                            Map.of(
                                    "reason",
                                    "CUSTOMER_REQUEST",
                                    "lines",
                                    List.of(Map.of("lineNumber", 1, "quantity", 1)))),
                    () -> api.get("/api/v1/orders/" + orderId, trade.buyer().key()),
                    // A key the service has not seen yet cannot be checked either (no cached answer).
                    () -> api.get("/api/v1/orders/" + orderId, "rk_not_seen_before_" + UUID.randomUUID()),
                    // The other dialects, each past authentication (the buyer's key is cached).
                    () -> api.get(
                            "/purchase/info?order_id=" + order.get("number").asLong(),
                            trade.buyer().key()),
                    () -> api.request("GET", "/orders/" + orderId + "/")
                            .header("Authorization", "Token " + trade.buyer().key())
                            .send(),
                    () -> api.get(
                            "/v2/orders/actions/" + UUID.randomUUID(),
                            trade.buyer().key()));
        } finally {
            server.start();
        }

        for (var tradecloud : answers.subList(0, 2)) {
            assertThat(tradecloud.status()).as(tradecloud.toString()).isEqualTo(503);
            assertThat(tradecloud.header("Retry-After")).isEqualTo("5");
            assertThat(tradecloud.header("Content-Type")).startsWith("application/json");
            assertThat(tradecloud.json().get("ok").asBoolean()).isFalse();
            assertThat(tradecloud.json().get("message").asString()).contains("send it again");
        }
        for (var canonical : answers.subList(2, 5)) {
            assertThat(canonical.status()).as(canonical.toString()).isEqualTo(503);
            assertThat(canonical.header("Retry-After")).isEqualTo("5");
            assertThat(canonical.header("Content-Type")).startsWith("application/problem+json");
            assertThat(canonical.json().get("type").asString()).isEqualTo("/problems/service-unavailable");
            assertThat(canonical.json().get("status").asInt()).isEqualTo(503);
        }

        for (var dialect : answers.subList(5, 8)) {
            assertThat(dialect.status()).as(dialect.toString()).isEqualTo(503);
            assertThat(dialect.header("Retry-After")).isEqualTo("5");
            assertThat(dialect.header("Content-Type")).startsWith("application/json");
            assertThat(dialect.text()).contains("Temporarily unavailable");
        }

        // Back without a restart of the service: the pool connects again to the same port.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/v1/orders/" + orderId, trade.buyer().key())
                                .status()
                        == 200);
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();

        // Nothing of what was refused was applied.
        var lines =
                api.get("/api/v1/orders/" + orderId, trade.buyer().key()).json().get("lines");
        assertThat(lines.valueStream().map(l -> l.get("status").asString())).containsOnly("ISSUED");
        assertThat(history(trade, orderId)).isEqualTo(historyBefore);
        assertThat(jdbc.sql("select count(*) from actions where order_id = cast(:id as uuid)")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isZero();

        assertTheWorkersCarriedOn(trade, order);
    }

    /** Each background worker still does its job after the outage it lived through. */
    private void assertTheWorkersCarriedOn(Trade trade, JsonNode order) throws Exception {
        var orderId = order.get("id").asString();
        var received = new CopyOnWriteArrayList<String>();
        var receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            var subscribed = api.post(
                    "/api/v1/webhooks/subscriptions",
                    trade.buyer().key(),
                    Map.of(
                            "url",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "eventTypes",
                            List.of()));
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);

            // Actions: an asynchronous cancel of line 1 is carried out.
            var accepted = api.request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                    .key(trade.buyer().key())
                    .header("Prefer", "respond-async")
                    .json(Map.of(
                            "reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 3))))
                    .send();
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> api.get(
                                            accepted.header("Location"),
                                            trade.buyer().key())
                                    .json()
                                    .get("status")
                                    .asString(),
                            "SUCCESS"::equals);

            // Outbox relay and webhooks: the cancel reaches the subscriber.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> received.stream()
                            .anyMatch(body -> body.contains(orderId) && body.contains("cancellation.applied")));

            // Expiry: a request awaiting the seller's approval expires as its policy says.
            var policy = api.put(
                    "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                    trade.seller().key(),
                    Map.of(
                            "buyerMayCancel", List.of("ISSUED"),
                            "sellerMayCancel", List.of("ISSUED"),
                            "buyerNeedsApproval", List.of("ISSUED"),
                            "pendingTtl", "PT1S",
                            "onExpiry", "REJECT"));
            assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
            var request = api.post(
                    "/api/v1/orders/" + orderId + "/cancellations",
                    trade.buyer().key(),
                    Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 2, "quantity", 1))));
            assertThat(request.status()).as(request.toString()).isEqualTo(202);
            var path = "/api/v1/orders/" + orderId + "/cancellations/"
                    + request.json().get("id").asString();
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> api.get(path, trade.buyer().key())
                                    .json()
                                    .get("status")
                                    .asString(),
                            "EXPIRED"::equals);
        } finally {
            receiver.stop(0);
        }
    }

    private Api.Response tradecloud(Trade trade, String path, Object body) {
        var basic = trade.buyer().id() + ":" + trade.buyer().key();
        return api.request("POST", path)
                .header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
                .json(body)
                .send();
    }

    private List<String> history(Trade trade, String orderId) {
        return api.get("/api/v1/orders/" + orderId + "/history", trade.buyer().key())
                .json()
                .valueStream()
                .map(entry -> entry.get("type").asString())
                .toList();
    }

    @SafeVarargs
    private static List<Api.Response> inParallel(Supplier<Api.Response>... requests) throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = java.util.Arrays.stream(requests)
                    .map(request -> executor.submit(request::get))
                    .toList();
            var responses = new java.util.ArrayList<Api.Response>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
