package io.rescind.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ActionsApiTest extends ApiTest {

    private Api.Response cancelAsync(JsonNode order, String key, Map<String, Object> body) {
        return api.request("POST", "/api/v1/orders/" + order.get("id").asString() + "/cancellations")
                .key(key)
                .header("Prefer", "respond-async")
                .json(body)
                .send();
    }

    private static Map<String, Object> cancel(String lineId, long quantity) {
        return Map.of("reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineId", lineId, "quantity", quantity)));
    }

    private JsonNode finished(String location, String key) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get(location, key).json(),
                        action -> !action.get("status").asString().equals("PENDING"));
    }

    @Test
    void anAsynchronousCancelKeepsTheRestockChoiceOfItsCommand() {
        var trade = given.trade();
        var stocked = api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", 10));
        assertThat(stocked.status()).as(stocked.toString()).isEqualTo(200);
        var order = given.anOrder(trade).withLine(3, "10.00").place();
        var body = Map.<String, Object>of(
                "reason",
                "OUT_OF_STOCK",
                "restock",
                false,
                "lines",
                List.of(Map.of("lineId", order.at("/lines/0/id").asString(), "quantity", 3)));

        var accepted = cancelAsync(order, trade.seller().key(), body);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(finished(accepted.header("Location"), trade.seller().key())
                        .get("status")
                        .asString())
                .isEqualTo("SUCCESS");
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(10);
    }

    @Test
    void anAsynchronousCancelIsAcceptedAndAppliedByTheWorker() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(3, "10.00").place();
        var line = order.at("/lines/0/id").asString();

        var accepted = cancelAsync(order, trade.seller().key(), cancel(line, 2));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        var location = accepted.header("Location");
        assertThat(location)
                .isEqualTo("/api/v1/actions/" + accepted.json().get("id").asString());
        assertThat(accepted.json().get("status").asString()).isEqualTo("PENDING");
        var action = finished(location, trade.seller().key());
        assertThat(action.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(action.get("cancellationIds")).hasSize(1);
        var after = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json()
                .at("/lines/0");
        assertThat(after.get("cancelledQuantity").asLong()).isEqualTo(2);
        var cancellation = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/cancellations/"
                                + action.at("/cancellationIds/0").asString(),
                        trade.seller().key())
                .json();
        assertThat(cancellation.get("reason").asString()).isEqualTo("OUT_OF_STOCK");

        var announced = jdbc.sql(
                        "select payload::text from outbox where order_id = :order and type = 'action.finished'")
                .param("order", java.util.UUID.fromString(order.get("id").asString()))
                .query(String.class)
                .list();
        assertThat(announced).hasSize(1);
        var payload = io.rescind.support.Api.JSON.readTree(announced.getFirst());
        assertThat(payload.get("actionId").asString())
                .isEqualTo(accepted.json().get("id").asString());
        assertThat(payload.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(payload.get("cancellationIds")).isEqualTo(action.get("cancellationIds"));
    }

    @Test
    void aRuleRefusalFailsTheActionWithItsCode() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "5.00").place();
        var line = order.at("/lines/0/id").asString();
        var lineUrl = "/api/v1/orders/" + order.get("id").asString() + "/lines/" + line;
        assertThat(api.post(lineUrl + "/confirm", trade.seller().key(), Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.post(lineUrl + "/ship", trade.seller().key(), Map.of("quantity", 2))
                        .status())
                .isEqualTo(200);

        var accepted = cancelAsync(order, trade.buyer().key(), cancel(line, 1));

        var action = finished(accepted.header("Location"), trade.buyer().key());
        assertThat(action.get("status").asString()).isEqualTo("FAILED");
        assertThat(action.at("/errors/0/code").asString()).isEqualTo("line-shipped");
        assertThat(action.at("/errors/0/lineId").asString()).isEqualTo(line);
        assertThat(action.get("cancellationIds")).isEmpty();
    }

    @Test
    void aCommandTheEngineRejectsFailsTheActionAndChangesNothing() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "5.00").place();

        var accepted = cancelAsync(
                order,
                trade.buyer().key(),
                Map.of("reason", "OUT_OF_STOCK", "lines", List.of(Map.of("lineNumber", 7, "quantity", 1))));

        var action = finished(accepted.header("Location"), trade.buyer().key());
        assertThat(action.get("status").asString()).isEqualTo("FAILED");
        assertThat(action.at("/errors/0/code").asString()).isEqualTo("unknown-line");
        var after = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(after.at("/lines/0/cancelledQuantity").asLong()).isZero();
    }

    @Test
    void anUnknownOrderOrABadBodyIsRefusedAtOnce() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(1, "5.00").place();
        var line = order.at("/lines/0/id").asString();

        var stranger = given.party("BUYER");
        var hidden = cancelAsync(order, stranger.key(), cancel(line, 1));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("type").asString()).isEqualTo("/problems/not-found");

        var invalid = cancelAsync(order, trade.buyer().key(), Map.of("reason", "OUT_OF_STOCK", "lines", List.of()));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("type").asString()).isEqualTo("/problems/invalid-request");
    }

    @Test
    void anActionIsVisibleToItsRequesterAndOperatorsOnly() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(1, "5.00").place();
        var accepted = cancelAsync(
                order, trade.buyer().key(), cancel(order.at("/lines/0/id").asString(), 1));
        var location = accepted.header("Location");

        assertThat(api.get(location, trade.seller().key()).status()).isEqualTo(404);
        assertThat(api.get(location, OPERATOR_KEY).status()).isEqualTo(200);
        assertThat(api.get(location, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/actions/not-a-uuid", trade.buyer().key()).status())
                .isEqualTo(400);
    }
}
