package io.rescind.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operations figures as a Prometheus server scrapes them, after real cancels over HTTP on the
 * canonical API and on a dialect. Counters are shared with the other tests of this JVM, so each
 * check compares a figure before and after.
 */
class OperationsMetricsTest extends ApiTest {

    @Test
    void cancelsAreCountedByApiAndOutcomeAndRefusalsByReason() throws Exception {
        var trade = given.trade();
        var order =
                given.anOrder(trade).withLine(3, "10.00").withLine(1, "5.00").place();
        var orderId = order.get("id").asString();
        var before = scrape();

        var applied = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1))));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        var refused = api.post(
                "/api/v1/orders/" + orderId + "/cancellations",
                trade.seller().key(),
                Map.of("reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineNumber", 1, "quantity", 5))));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        var throughHlConnect = api.request(
                        "DELETE",
                        "/purchase/cancel?order_id=%d&order_line_id=2"
                                .formatted(order.get("number").asLong()))
                .key(trade.buyer().key())
                .header("Accept", "application/json")
                .send();
        assertThat(throughHlConnect.status()).as(throughHlConnect.toString()).isEqualTo(201);

        var after = scrape();
        assertThat(after.delta(before, "rescind_cancels_total", "api", "canonical", "outcome", "applied"))
                .isEqualTo(1);
        assertThat(after.delta(before, "rescind_cancels_total", "api", "canonical", "outcome", "refused"))
                .isEqualTo(1);
        assertThat(after.delta(before, "rescind_cancels_total", "api", "hlconnect", "outcome", "applied"))
                .isEqualTo(1);
        assertThat(after.delta(
                        before, "rescind_cancel_refusals_total", "api", "canonical", "reason", "quantity-exceeds-open"))
                .isEqualTo(1);
        assertThat(after.delta(
                        before, "rescind_cancel_time_to_applied_seconds_count", "api", "canonical", "path", "direct"))
                .isEqualTo(1);
        everyRescindMetricOfTheDashboardIsServed(after);
    }

    /**
     * The Grafana dashboard in docs/ops is built on names that exist. Two appear only once their
     * first event happened in this JVM: a webhook attempt and a decision on a pending request.
     */
    private static void everyRescindMetricOfTheDashboardIsServed(Metrics metrics) throws java.io.IOException {
        var dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("docs/ops/grafana-dashboard.json"));
        var names = Pattern.compile("rescind_[a-z_]+")
                .matcher(dashboard)
                .results()
                .map(java.util.regex.MatchResult::group)
                .map(name -> name.replaceAll("_(bucket|count|sum)$", ""))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        names.removeAll(List.of("rescind_webhooks_attempts_seconds", "rescind_cancel_decisions_total"));
        assertThat(names).hasSizeGreaterThan(8);
        for (var name : names) {
            assertThat(metrics.text()).as(name).containsPattern("(?m)^" + name + "(_bucket|_count|_sum)?[{ ]");
        }
    }

    @Test
    void anIdempotentRepeatIsCountedAsReplayedNotAsASecondCancel() {
        var trade = given.trade();
        var orderId = given.anOrder(trade).withLine(2, "4.00").place().get("id").asString();
        var before = scrape();
        for (int i = 0; i < 2; i++) {
            var response = api.request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                    .key(trade.buyer().key())
                    .header("Idempotency-Key", "metrics-" + orderId)
                    .json(Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1))))
                    .send();
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
        }
        var after = scrape();
        assertThat(after.delta(before, "rescind_cancels_total", "api", "canonical", "outcome", "applied"))
                .isEqualTo(1);
        assertThat(after.delta(before, "rescind_cancels_total", "api", "canonical", "outcome", "replayed"))
                .isEqualTo(1);
    }

    @Test
    void backlogsAreReadFromTheTablesAndTheOutboxDrains() {
        var trade = given.trade();
        given.anOrder(trade).withLine(1, "1.00").place();
        var metrics = scrape();
        for (var gauge : List.of(
                "rescind_cancel_requests_pending",
                "rescind_outbox_unpublished",
                "rescind_outbox_lag_seconds",
                "rescind_actions_pending",
                "rescind_actions_oldest_age_seconds",
                "rescind_webhooks_pending",
                "rescind_webhooks_oldest_age_seconds",
                "rescind_webhooks_dead")) {
            assertThat(metrics.value(gauge)).as(gauge).isNotNaN().isGreaterThanOrEqualTo(0);
        }
        // The relay publishes every 50 ms in the tests: the lag falls back under a few seconds.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(scrape().value("rescind_outbox_lag_seconds")).isLessThan(5));
    }

    private Metrics scrape() {
        var response = api.get("/actuator/prometheus", null);
        assertThat(response.status()).isEqualTo(200);
        return new Metrics(response.text());
    }

    /** A Prometheus text exposition, read one sample at a time. */
    record Metrics(String text) {

        double value(String name, String... labels) {
            var pattern = new StringBuilder("(?m)^").append(Pattern.quote(name)).append("(\\{[^}]*\\})? (\\S+)$");
            var matcher = Pattern.compile(pattern.toString()).matcher(text);
            double sum = 0;
            boolean found = false;
            while (matcher.find()) {
                var labelText = matcher.group(1) == null ? "" : matcher.group(1);
                boolean all = true;
                for (int i = 0; i < labels.length; i += 2) {
                    all &= labelText.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
                }
                if (all) {
                    sum += Double.parseDouble(matcher.group(2));
                    found = true;
                }
            }
            return found ? sum : 0;
        }

        double delta(Metrics before, String name, String... labels) {
            return value(name, labels) - before.value(name, labels);
        }
    }
}
