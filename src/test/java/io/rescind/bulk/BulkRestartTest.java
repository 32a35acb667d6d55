package io.rescind.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.rescind.RescindApplication;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A job outlives the instance that was working it: a second instance of the application, sharing
 * the test database, accepts a job and works part of it, then is shut down mid-way; this instance's
 * workers carry on where it stopped, and every order is cancelled exactly once.
 */
class BulkRestartTest extends ApiTest {

    @Autowired
    private BulkWorker worker;

    @Autowired
    private DataSource dataSource;

    @Test
    void aJobLeftMidwayByAStoppedInstanceIsFinishedByAnotherCancellingNothingTwice() {
        var trade = given.trade();
        var sku = "SKU-" + UUID.randomUUID();
        var bulkOrders = new BulkOrders(jdbc);
        var orders = bulkOrders.place(trade, sku, 300);
        var database = (HikariDataSource) dataSource;
        String jobId;
        int doneWhenStopped;
        worker.stop();
        try {
            try (var other = new SpringApplicationBuilder(RescindApplication.class)
                    .run(
                            "--spring.datasource.url=" + database.getJdbcUrl(),
                            "--spring.datasource.username=" + database.getUsername(),
                            "--spring.datasource.hikari.maximum-pool-size=4",
                            "--server.port=0",
                            "--rescind.bootstrap.demo=false",
                            "--rescind.actions.worker.enabled=false",
                            "--rescind.events.relay.enabled=false",
                            "--rescind.cancellation.expiry.enabled=false")) {
                var otherApi = new Api(Integer.parseInt(other.getEnvironment().getProperty("local.server.port")));
                var accepted = otherApi.post(
                        "/api/v1/bulk-cancellations",
                        trade.seller().key(),
                        Map.of("reason", "OUT_OF_STOCK", "selection", Map.of("productId", sku)));
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                jobId = accepted.json().get("id").asString();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> progress(jobId).at("/progress/done").asInt() >= 20);
            }
            // The instance is gone, its job half done.
            var left = progress(jobId);
            doneWhenStopped = left.at("/progress/done").asInt();
            assertThat(left.get("status").asString()).isEqualTo("RUNNING");
            assertThat(doneWhenStopped).isBetween(20, 299);
            assertThat(progress(jobId).at("/progress/done").asInt()).isEqualTo(doneWhenStopped);
        } finally {
            worker.start();
        }

        var done = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> progress(jobId),
                        job -> job.get("status").asString().equals("COMPLETED"));
        assertThat(done.at("/progress/done").asInt()).isEqualTo(300);
        // The default policy lets the seller cancel every open line, without approval.
        assertThat(done.at("/progress/applied").asInt()).isEqualTo(300);
        for (var order : orders) {
            assertThat(bulkOrders.cancellations(order.orderId()))
                    .as("cancellations of order %d", order.orderNumber())
                    .isEqualTo(1);
        }
        var cancelled = jdbc.sql("select sum(cancelled_quantity) from order_lines where product_id = :sku")
                .param("sku", sku)
                .query(Long.class)
                .single();
        // Per pattern: 30 open units, but 29 with one shipped and 27 with a completed line.
        assertThat(cancelled).isEqualTo(60 * (30 + 30 + 30 + 29 + 27));
    }

    private tools.jackson.databind.JsonNode progress(String jobId) {
        return api.get("/api/v1/bulk-cancellations/" + jobId, ApiTest.OPERATOR_KEY)
                .json();
    }
}
