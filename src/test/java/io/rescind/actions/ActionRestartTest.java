package io.rescind.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.rescind.RescindApplication;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Actions outlive the instance that accepted them: a second instance of the application, sharing
 * the test database but working no queue, accepts actions and is shut down; they are still pending,
 * and a worker then carries out each of them exactly once. Two instances that both work the queue
 * share it without running any action twice.
 */
class ActionRestartTest extends ApiTest {

    @Autowired
    private ActionWorker worker;

    @Autowired
    private DataSource dataSource;

    private ConfigurableApplicationContext secondInstance(boolean worker) {
        var database = (HikariDataSource) dataSource;
        // Command-line arguments, so that they win over application.properties.
        return new SpringApplicationBuilder(RescindApplication.class)
                .run(
                        "--spring.datasource.url=" + database.getJdbcUrl(),
                        "--spring.datasource.username=" + database.getUsername(),
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--server.port=0",
                        "--rescind.bootstrap.demo=false",
                        "--rescind.actions.worker.enabled=" + worker);
    }

    private static Api apiOf(ConfigurableApplicationContext instance) {
        return new Api(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void twoInstancesShareTheQueueAndRunEachActionOnce() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(12, "1.00").place();
        var orderId = order.get("id").asString();
        var locations = new ArrayList<String>();
        try (var other = secondInstance(true)) {
            var apis = List.of(api, apiOf(other));
            for (int i = 0; i < 12; i++) {
                var accepted = apis.get(i % 2)
                        .request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                        .key(trade.seller().key())
                        .header("Prefer", "respond-async")
                        .json(Map.of(
                                "reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1))))
                        .send();
                assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                locations.add(accepted.header("Location"));
            }
            for (var location : locations) {
                var done = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> api.get(location, trade.seller().key()).json(),
                                action -> !action.get("status").asString().equals("PENDING"));
                assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCESS");
            }
        }
        var line = api.get("/api/v1/orders/" + orderId, trade.seller().key())
                .json()
                .at("/lines/0");
        assertThat(line.get("cancelledQuantity").asLong()).isEqualTo(12);
        assertThat(line.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(api.get(
                                "/api/v1/orders/" + orderId + "/cancellations",
                                trade.seller().key())
                        .json())
                .hasSize(12);
    }

    @Test
    void actionsAcceptedBeforeAShutdownAreCompletedAfterItExactlyOnce() {
        var trade = given.trade();
        var orders = new ArrayList<JsonNode>();
        for (int i = 0; i < 3; i++) {
            orders.add(given.anOrder(trade).withLine(4, "2.50").place());
        }
        var locations = new ArrayList<String>();
        worker.stop();
        try {
            try (var other = secondInstance(false)) {
                var otherApi = apiOf(other);
                for (var order : orders) {
                    var accepted = otherApi.request(
                                    "POST", "/api/v1/orders/" + order.get("id").asString() + "/cancellations")
                            .key(trade.buyer().key())
                            .header("Prefer", "respond-async")
                            .json(Map.of(
                                    "reason",
                                    "CUSTOMER_REQUEST",
                                    "lines",
                                    List.of(Map.of("lineNumber", 1, "quantity", 1))))
                            .send();
                    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
                    locations.add(accepted.header("Location"));
                }
                for (var location : locations) {
                    assertThat(otherApi.get(location, trade.buyer().key())
                                    .json()
                                    .get("status")
                                    .asString())
                            .isEqualTo("PENDING");
                }
            }
            for (var location : locations) {
                assertThat(api.get(location, trade.buyer().key())
                                .json()
                                .get("status")
                                .asString())
                        .isEqualTo("PENDING");
            }
        } finally {
            worker.start();
        }

        for (var location : locations) {
            var done = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> api.get(location, trade.buyer().key()).json(),
                            action -> !action.get("status").asString().equals("PENDING"));
            assertThat(done.get("status").asString()).isEqualTo("SUCCESS");
        }
        for (var order : orders) {
            var id = order.get("id").asString();
            assertThat(api.get("/api/v1/orders/" + id, trade.buyer().key())
                            .json()
                            .at("/lines/0/cancelledQuantity")
                            .asLong())
                    .isEqualTo(1);
            assertThat(api.get(
                                    "/api/v1/orders/" + id + "/cancellations",
                                    trade.buyer().key())
                            .json())
                    .hasSize(1);
        }
    }
}
