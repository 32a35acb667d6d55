package io.rescind.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Bulk cancellations against the real engine: results order by order as single cancels give them,
 * resumption without doing anything twice, overlapping jobs, dry runs that write nothing, stopping.
 */
class BulkCancellationTest extends ApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    private BulkWorker worker;

    private BulkOrders bulkOrders;
    private Fixtures.Trade trade;

    @BeforeEach
    void tradeWithPolicy() {
        bulkOrders = new BulkOrders(jdbc);
        trade = given.trade();
        // The seller may not cancel CONFIRMED lines; its cancel of an IN_PROGRESS line needs the buyer.
        var policy = api.put(
                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                trade.seller().key(),
                Map.of(
                        "buyerMayCancel", List.of("ISSUED", "IN_PROGRESS", "CONFIRMED", "REJECTED", "SHIPPED"),
                        "sellerMayCancel", List.of("ISSUED", "IN_PROGRESS", "SHIPPED"),
                        "sellerNeedsApproval", List.of("IN_PROGRESS")));
        assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
    }

    private static String sku() {
        return "SKU-" + UUID.randomUUID();
    }

    private JsonNode submit(Object body, String idempotencyKey) {
        var request = api.request("POST", "/api/v1/bulk-cancellations")
                .key(trade.seller().key());
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        var response = request.json(body).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.header("Location"))
                .endsWith(response.json().get("id").asString());
        return response.json();
    }

    private JsonNode awaitFinished(String jobId) {
        return await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> api.get(
                                        "/api/v1/bulk-cancellations/" + jobId,
                                        trade.seller().key())
                                .json(),
                        job -> !job.get("status").asString().equals("RUNNING"));
    }

    /** Every result of the job, page by page, by order id. */
    private Map<UUID, JsonNode> results(String jobId) {
        var all = new HashMap<UUID, JsonNode>();
        String cursor = null;
        do {
            var page = api.get(
                            "/api/v1/bulk-cancellations/" + jobId + "/results?limit=1000"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            trade.seller().key())
                    .json();
            page.get("results")
                    .forEach(result ->
                            all.put(UUID.fromString(result.get("orderId").asString()), result));
            cursor = page.path("nextCursor").isMissingNode()
                            || page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);
        return all;
    }

    /**
     * What a single cancel through {@code POST /orders/{id}/cancellations} does to an order of each
     * pattern, naming the lines a selection would: its status, units and refused line numbers, and
     * the lines' state after it.
     */
    private Map<Integer, String> singleCancelOfEachPattern() {
        var expected = new HashMap<Integer, String>();
        for (var twin : bulkOrders.place(trade, sku(), BulkOrders.PATTERNS)) {
            var lines = new ArrayList<Map<String, Object>>();
            for (int n = 1; n <= BulkOrders.LINES; n++) {
                if (!(twin.pattern() == 4 && n == 7)) {
                    lines.add(Map.of("lineNumber", n));
                }
            }
            var response = api.request("POST", "/api/v1/orders/" + twin.orderId() + "/cancellations")
                    .key(trade.seller().key())
                    .json(Map.of("reason", "OUT_OF_STOCK", "lines", lines))
                    .send();
            assertThat(response.status()).as(response.toString()).isIn(201, 202, 409);
            var cancellation = api.get(
                            "/api/v1/orders/" + twin.orderId() + "/cancellations",
                            trade.seller().key())
                    .json()
                    .get(0);
            expected.put(twin.pattern(), describe(cancellation, bulkOrders.state(twin.orderId())));
        }
        return expected;
    }

    private static String describe(JsonNode cancellation, String state) {
        var status = switch (cancellation.get("status").asString()) {
            case "APPLIED" -> "APPLIED";
            case "REFUSED" -> "REFUSED";
            default -> "PENDING_APPROVAL";
        };
        long units = 0;
        for (var line : cancellation.get("lines")) {
            units += line.get("quantity").asLong();
        }
        var refused = new ArrayList<Integer>();
        cancellation
                .get("refusals")
                .forEach(r -> refused.add(r.get("lineNumber").asInt()));
        return status + " units=" + units + " refused=" + refused + " lines=" + state;
    }

    private String describe(JsonNode result, UUID orderId) {
        var refused = new ArrayList<Integer>();
        result.get("refusals").forEach(r -> refused.add(r.get("lineNumber").asInt()));
        return result.get("status").asString() + " units=" + result.get("units").asLong() + " refused=" + refused
                + " lines=" + bulkOrders.state(orderId);
    }

    @Test
    void aJobOverTenThousandLinesGivesEachOrderWhatASingleCancelWould() {
        var expected = singleCancelOfEachPattern();
        var sku = sku();
        var orders = bulkOrders.place(trade, sku, 1000);

        var job = submit(
                Map.of("reason", "OUT_OF_STOCK", "note", "supplier ran out", "selection", Map.of("productId", sku)),
                "bulk-" + UUID.randomUUID());
        assertThat(job.at("/progress/total").asInt()).isEqualTo(1000);
        var done = awaitFinished(job.get("id").asString());

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.at("/progress/done").asInt()).isEqualTo(1000);
        assertThat(done.at("/progress/applied").asInt()).isEqualTo(600);
        assertThat(done.at("/progress/refused").asInt()).isEqualTo(200);
        assertThat(done.at("/progress/pendingApproval").asInt()).isEqualTo(200);
        var results = results(job.get("id").asString());
        assertThat(results).hasSize(1000);
        for (var order : orders) {
            assertThat(describe(results.get(order.orderId()), order.orderId()))
                    .as("order %d (pattern %d)", order.orderNumber(), order.pattern())
                    .isEqualTo(expected.get(order.pattern()));
            assertThat(bulkOrders.cancellations(order.orderId())).isEqualTo(1);
        }
        // Each order's cancel was announced like a single cancel's.
        var cancelEvents = jdbc.sql("""
                        select count(*) from outbox
                        where type = 'order.lines_cancelled' and order_id in (
                            select order_id from order_lines where product_id = :sku)
                        """).param("sku", sku).query(Long.class).single();
        assertThat(cancelEvents).isEqualTo(600);
    }

    @Test
    void theResultsDownloadAsCsv() {
        var sku = sku();
        bulkOrders.place(trade, sku, 10);
        var job = submit(Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku)), null);
        awaitFinished(job.get("id").asString());

        var csv = api.get(
                "/api/v1/bulk-cancellations/" + job.get("id").asString() + "/results.csv",
                trade.seller().key());

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        var rows = csv.text().split("\n");
        assertThat(rows[0]).isEqualTo("seq,order_id,order_number,status,cancellation_id,units,refusal_codes,detail");
        assertThat(rows).hasSize(11);
        assertThat(csv.text()).contains(",REFUSED,").contains(",APPLIED,").contains(",PENDING_APPROVAL,");
        assertThat(csv.text()).containsPattern(",REFUSED,[0-9a-f-]{36},0,[a-z-]+@3,");
    }

    @Test
    void aJobStoppedMidwayResumesAndCancelsNothingTwice() {
        var sku = sku();
        var orders = bulkOrders.place(trade, sku, 400);
        worker.stop();
        String jobId;
        try {
            jobId = submit(Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku)), null)
                    .get("id")
                    .asString();
            // This instance works part of the job by hand, then "crashes": no worker runs any more.
            for (int i = 0; i < 150; i++) {
                assertThat(worker.runNext()).isTrue();
            }
            var halfway = api.get(
                            "/api/v1/bulk-cancellations/" + jobId,
                            trade.seller().key())
                    .json();
            assertThat(halfway.get("status").asString()).isEqualTo("RUNNING");
            assertThat(halfway.at("/progress/done").asInt()).isEqualTo(150);
            // As if the results of twenty orders had been lost although their cancels committed.
            jdbc.sql("""
                            update bulk_job_orders set status = 'QUEUED', cancellation_id = null, units = 0
                            where job_id = :job and seq between 1 and 20
                            """).param("job", UUID.fromString(jobId)).update();
        } finally {
            worker.start();
        }
        var done = awaitFinished(jobId);

        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.at("/progress/done").asInt()).isEqualTo(400);
        var results = results(jobId);
        for (var order : orders) {
            assertThat(bulkOrders.cancellations(order.orderId()))
                    .as("cancellations of order %d", order.orderNumber())
                    .isEqualTo(1);
            var result = results.get(order.orderId());
            var expectedStatus = switch (order.pattern()) {
                case 1 -> "REFUSED";
                case 2 -> "PENDING_APPROVAL";
                default -> "APPLIED";
            };
            assertThat(result.get("status").asString()).isEqualTo(expectedStatus);
        }
        // Every open unit cancelled exactly once: 30 per order, less the shipped and completed ones.
        var cancelled = jdbc.sql("select sum(cancelled_quantity) from order_lines where product_id = :sku")
                .param("sku", sku)
                .query(Long.class)
                .single();
        assertThat(cancelled).isEqualTo(80 * 30 + 80 * 29 + 80 * 27);
    }

    @Test
    void twoJobsOverTheSameLinesNeverCancelMoreThanIsOpen() {
        var sku = sku();
        var orders = bulkOrders.place(trade, sku, 200);
        var orderNumbers = orders.stream()
                .map(order -> Map.of("orderNumber", order.orderNumber()))
                .toList();
        var first = CompletableFuture.supplyAsync(
                () -> submit(Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku)), null));
        var second = CompletableFuture.supplyAsync(
                () -> submit(Map.of("reason", "OUT_OF_STOCK", "orders", orderNumbers), null));
        var one = awaitFinished(first.join().get("id").asString());
        var other = awaitFinished(second.join().get("id").asString());

        for (var order : orders) {
            assertThat(bulkOrders.state(order.orderId())).doesNotContain("c4", "c5", "c6");
        }
        var lines = jdbc.sql("""
                        select count(*) from order_lines
                        where product_id = :sku and shipped_quantity + cancelled_quantity + pending_cancel_quantity > quantity
                        """).param("sku", sku).query(Long.class).single();
        assertThat(lines).isZero();
        // Each order's open units went to exactly one of the two jobs.
        long units =
                one.at("/progress/units").asLong() + other.at("/progress/units").asLong();
        var taken = jdbc.sql(
                        "select sum(cancelled_quantity + pending_cancel_quantity) from order_lines where product_id = :sku")
                .param("sku", sku)
                .query(Long.class)
                .single();
        assertThat(units).isEqualTo(taken);
        for (var order : orders) {
            var applied = jdbc.sql("""
                            select count(*) from cancellations where order_id = :order and status in ('APPLIED', 'PENDING')
                            """)
                    .param("order", order.orderId())
                    .query(Integer.class)
                    .single();
            assertThat(applied).as("order %d", order.orderNumber()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aDryRunAnswersOrderByOrderAndWritesNothing() {
        var sku = sku();
        var orders = bulkOrders.place(trade, sku, 20);
        var before = footprint();

        var response = api.post(
                "/api/v1/bulk-cancellations",
                trade.seller().key(),
                Map.of("reason", "OUT_OF_STOCK", "dryRun", true, "selection", Map.of("productId", sku)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var body = response.json();
        assertThat(body.get("dryRun").asBoolean()).isTrue();
        assertThat(body.at("/summary/APPLIED").asInt()).isEqualTo(12);
        assertThat(body.at("/summary/REFUSED").asInt()).isEqualTo(4);
        assertThat(body.at("/summary/PENDING_APPROVAL").asInt()).isEqualTo(4);
        assertThat(body.get("results")).hasSize(20);
        assertThat(footprint()).isEqualTo(before);
        for (var order : orders) {
            assertThat(bulkOrders.state(order.orderId())).doesNotContain("c1", "c2", "c3", "p1", "p2", "p3");
        }
    }

    /**
     * Rows a cancel or a job would write for this test's seller (tables shared with other tests are
     * counted for its orders only, so that other work going on cannot move the counts).
     */
    private List<Long> footprint() {
        var seller = trade.seller().id();
        return List.of(
                        "select count(*) from cancellations where order_id in (select order_id from purchase_orders where seller_id = :seller)",
                        "select count(*) from order_history where order_id in (select order_id from purchase_orders where seller_id = :seller)",
                        "select count(*) from outbox where order_id in (select order_id from purchase_orders where seller_id = :seller)",
                        "select count(*) from bulk_jobs where requested_by = :seller",
                        "select coalesce(sum(cancelled_quantity + pending_cancel_quantity), 0) from order_lines where order_id in (select order_id from purchase_orders where seller_id = :seller)")
                .stream()
                .map(sql ->
                        jdbc.sql(sql).param("seller", seller).query(Long.class).single())
                .toList();
    }

    @Test
    void aCancelledJobStopsBetweenOrders() {
        var sku = sku();
        bulkOrders.place(trade, sku, 300);
        worker.stop();
        String jobId;
        try {
            jobId = submit(Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku)), null)
                    .get("id")
                    .asString();
            for (int i = 0; i < 10; i++) {
                worker.runNext();
            }
            var stopped = api.post(
                    "/api/v1/bulk-cancellations/" + jobId + "/cancel",
                    trade.seller().key(),
                    Map.of());
            assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
            assertThat(stopped.json().get("status").asString()).isEqualTo("CANCELLED");
            assertThat(stopped.json().at("/progress/skipped").asInt()).isEqualTo(290);
        } finally {
            worker.start();
        }
        var again = api.post(
                "/api/v1/bulk-cancellations/" + jobId + "/cancel",
                trade.seller().key(),
                Map.of());
        assertThat(again.json().at("/progress/done").asInt()).isEqualTo(300);
        var cancelled = jdbc.sql("""
                        select count(distinct order_id) from order_lines where product_id = :sku and cancelled_quantity > 0
                        """).param("sku", sku).query(Long.class).single();
        assertThat(cancelled).isLessThanOrEqualTo(10);
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstJob() {
        var sku = sku();
        bulkOrders.place(trade, sku, 5);
        var key = "bulk-" + UUID.randomUUID();
        var body = Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku));
        var first = submit(body, key);
        var again = api.request("POST", "/api/v1/bulk-cancellations")
                .key(trade.seller().key())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.get("id"));

        var other = api.request("POST", "/api/v1/bulk-cancellations")
                .key(trade.seller().key())
                .header("Idempotency-Key", key)
                .json(Map.of("reason", "DISCONTINUED", "selection", Map.of("productId", sku)))
                .send();
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).isEqualTo("/problems/idempotency-key-reused");
    }

    @Test
    void errorsAreProblems() {
        var bad = api.post("/api/v1/bulk-cancellations", trade.seller().key(), Map.of("reason", "OUT_OF_STOCK"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().get("type").asString()).isEqualTo("/problems/invalid-request");

        var reason = api.post(
                "/api/v1/bulk-cancellations",
                trade.seller().key(),
                Map.of("reason", "BORED", "selection", Map.of("productId", "x")));
        assertThat(reason.status()).isEqualTo(400);
        assertThat(reason.json().get("type").asString()).isEqualTo("/problems/invalid-request");

        var nothing = api.post(
                "/api/v1/bulk-cancellations",
                trade.seller().key(),
                Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku())));
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.json().get("type").asString()).isEqualTo("/problems/nothing-selected");

        var unknown = api.get(
                "/api/v1/bulk-cancellations/" + UUID.randomUUID(),
                trade.seller().key());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("/problems/not-found");
    }

    @Test
    void anotherPartySeesNeitherTheJobNorOrdersItCannotSee() {
        var sku = sku();
        var orders = bulkOrders.place(trade, sku, 5);
        var job = submit(Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku)), null);
        var stranger = given.party("SELLER");
        assertThat(api.get("/api/v1/bulk-cancellations/" + job.get("id").asString(), stranger.key())
                        .status())
                .isEqualTo(404);
        // Orders of another trade are not the stranger's to cancel: refused not-found, one by one.
        var response = api.request("POST", "/api/v1/bulk-cancellations")
                .key(stranger.key())
                .json(Map.of(
                        "reason",
                        "OUT_OF_STOCK",
                        "orders",
                        List.of(
                                Map.of("orderId", orders.get(0).orderId()),
                                Map.of("orderNumber", orders.get(1).orderNumber()))))
                .send();
        assertThat(response.status()).isEqualTo(202);
        var results = api.get(
                        "/api/v1/bulk-cancellations/"
                                + response.json().get("id").asString() + "/results",
                        stranger.key())
                .json()
                .get("results");
        assertThat(results).hasSize(2);
        results.forEach(result -> {
            assertThat(result.get("status").asString()).isEqualTo("REFUSED");
            assertThat(result.at("/refusals/0/code").asString()).isEqualTo("not-found");
        });
    }
}
