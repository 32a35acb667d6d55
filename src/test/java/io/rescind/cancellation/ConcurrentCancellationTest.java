package io.rescind.cancellation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many clients at once, through real HTTP: nothing cancelled twice, nothing lost. */
class ConcurrentCancellationTest extends ApiTest {

    private static final int CLIENTS = 48;

    @Test
    void parallelPartialCancelsNeverTakeMoreThanIsOpen() throws Exception {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(30, "1.99").place();
        var orderId = order.get("id").asString();
        var line = order.at("/lines/0/id").asString();
        var body = Map.of("reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineId", line, "quantity", 1)));

        var responses = all(
                CLIENTS,
                i -> api.post(
                        "/api/v1/orders/" + orderId + "/cancellations",
                        i % 2 == 0 ? trade.buyer().key() : trade.seller().key(),
                        body));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        var applied = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(applied).hasSize(30);
        assertThat(responses.stream().filter(r -> r.status() == 409))
                .allSatisfy(
                        r -> assertThat(r.json().get("type").asString()).isEqualTo("/problems/line-already-cancelled"));
        var ids = applied.stream()
                .map(r -> r.json().get("id").asString())
                .distinct()
                .toList();
        assertThat(ids).hasSize(30);

        var stored = jdbc.sql("select count(*) from cancellations where order_id = :id and status = 'APPLIED'")
                .param("id", UUID.fromString(orderId))
                .query(Long.class)
                .single();
        assertThat(stored).isEqualTo(30);
        var after =
                api.get("/api/v1/orders/" + orderId, trade.buyer().key()).json().at("/lines/0");
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(30);
        assertThat(after.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(after.get("cancelled")).isEqualTo(after.get("totals"));
    }

    @Test
    void concurrentDuplicatesWithOneIdempotencyKeyHaveOneEffect() throws Exception {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(10, "1").place();
        var orderId = order.get("id").asString();
        var line = order.at("/lines/0/id").asString();
        var body = Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineId", line, "quantity", 3)));

        var responses = all(
                32,
                i -> api.request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                        .key(trade.buyer().key())
                        .header("Idempotency-Key", "same-key")
                        .json(body)
                        .send());

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.json().get("id").asString()).distinct())
                .hasSize(1);
        assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed") == null))
                .hasSize(1);
        var after =
                api.get("/api/v1/orders/" + orderId, trade.buyer().key()).json().at("/lines/0");
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(3);
    }

    private interface Call {
        Api.Response run(int client);
    }

    /** Runs every call at the same moment on its own virtual thread. */
    private static List<Api.Response> all(int clients, Call call) throws Exception {
        var start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<Api.Response>>();
            for (int i = 0; i < clients; i++) {
                int client = i;
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.run(client);
                }));
            }
            start.countDown();
            var responses = new ArrayList<Api.Response>();
            for (var future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
