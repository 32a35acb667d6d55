package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MiraklCancelTest extends ApiTest {

    private static Map<String, Object> money(String amount) {
        return Map.of("amount", new java.math.BigDecimal(amount), "currency", "EUR");
    }

    private static Map<String, Object> entry(String lineId, String productId, long quantity, String price) {
        var entry = new LinkedHashMap<String, Object>();
        if (lineId != null) {
            entry.put("order_line_id", lineId);
        }
        if (productId != null) {
            entry.put("product_id", productId);
        }
        entry.put("quantity", quantity);
        entry.put("reason", "OUT_OF_STOCK");
        entry.put("price", money(price));
        entry.put("shipping_price", money("0"));
        return entry;
    }

    /** Every Mirakl answer is also checked against Mirakl's OpenAPI file. */
    static Api.Response checked(String method, String path, Api.Response response) {
        MiraklContract.check(
                method,
                path.replaceAll("\\?.*", ""),
                response.status(),
                response.header("Content-Type"),
                response.text());
        return response;
    }

    private Api.Response cancel(String orderId, String key, Object body) {
        var path = "/v2/orders/" + orderId + "/cancel";
        return checked("POST", path, api.post(path, key, body));
    }

    private JsonNode finished(String actionId, String key) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get("/v2/orders/actions/" + actionId, key).json(),
                        action -> !action.get("status").asString().equals("PENDING"));
    }

    private JsonNode anOrder(Trade trade) {
        return given.anOrder(trade)
                .withLine(3, "10.00", Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 6.00))))
                .withLine(1, "4.00")
                .place();
    }

    @Test
    void aCancelIsAcceptedThenAppliedWithTheStatedAmounts() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var body = entry(order.at("/lines/0/id").asString(), null, 2, "19.00");
        body.put("reason", "CUSTOMER_CANCELATION");
        body.put("taxes", List.of(Map.of("code", "VAT", "amount", money("3.80"))));

        var accepted = cancel(orderId, trade.seller().key(), Map.of("cancelations", List.of(body)));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        var actionId = accepted.json().get("action_id").asString();
        assertThat(accepted.json().get("tracking_id").asString()).isEqualTo(actionId);
        var action = finished(actionId, trade.seller().key());
        assertThat(action.get("status").asString()).isEqualTo("SUCCESS");
        assertThat(action.has("errors")).isFalse();
        assertThat(action.get("created_at").asString()).isNotBlank();
        var line =
                api.get("/api/v1/orders/" + orderId, trade.buyer().key()).json().at("/lines/0");
        assertThat(line.get("cancelledQuantity").asLong()).isEqualTo(2);
        assertThat(line.at("/cancelled/price").decimalValue()).isEqualByComparingTo("19.00");
        assertThat(line.at("/cancelled/taxes/0/amount").decimalValue()).isEqualByComparingTo("3.80");
        var cancellation = api.get(
                        "/api/v1/orders/" + orderId + "/cancellations",
                        trade.buyer().key())
                .json()
                .get(0);
        assertThat(cancellation.get("reason").asString()).isEqualTo("CUSTOMER_REQUEST");

        var tracking = checked(
                "GET",
                "/v2/orders/tracking/" + actionId,
                api.get("/v2/orders/tracking/" + actionId, trade.seller().key()));
        assertThat(tracking.status()).isEqualTo(200);
        assertThat(tracking.json().get("status").asString()).isEqualTo("SUCCESS");
    }

    @Test
    void aLineMayBeNamedByItsProductAloneOrByBothWhenTheyAgree() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var second = order.at("/lines/1/id").asString();

        var byProduct =
                cancel(orderId, trade.buyer().key(), Map.of("cancelations", List.of(entry(null, "SKU-1", 1, "10.00"))));
        var byBoth = cancel(
                orderId, trade.buyer().key(), Map.of("cancelations", List.of(entry(second, "SKU-2", 1, "4.00"))));

        assertThat(finished(
                                byProduct.json().get("action_id").asString(),
                                trade.buyer().key())
                        .get("status")
                        .asString())
                .isEqualTo("SUCCESS");
        assertThat(finished(
                                byBoth.json().get("action_id").asString(),
                                trade.buyer().key())
                        .get("status")
                        .asString())
                .isEqualTo("SUCCESS");
        var lines =
                api.get("/api/v1/orders/" + orderId, trade.buyer().key()).json().get("lines");
        assertThat(lines.get(0).get("cancelledQuantity").asLong()).isEqualTo(1);
        assertThat(lines.get(1).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void linesNamedWrongOrNotAtAllAreRefusedAtOnceWithTheirPath() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var first = order.at("/lines/0/id").asString();

        var response = cancel(
                orderId,
                trade.buyer().key(),
                Map.of(
                        "cancelations",
                        List.of(
                                entry(null, null, 1, "1"),
                                entry(first, "SKU-2", 1, "1"),
                                entry("0002_3202630-A-1", null, 1, "1"),
                                entry(null, "NO-SUCH-SKU", 1, "1"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        var error = response.json();
        assertThat(error.get("code").asString()).isEqualTo("INVALID_INPUT");
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("errors").findValuesAsString("field"))
                .containsExactly(
                        "$.cancelations[0]",
                        "$.cancelations[1].product_id",
                        "$.cancelations[2].order_line_id",
                        "$.cancelations[3].product_id");
        assertThat(api.get(
                                "/api/v1/orders/" + orderId + "/cancellations",
                                trade.buyer().key())
                        .json())
                .isEmpty();
    }

    @Test
    void shapeErrorsAre400sNamingTheFieldByJsonPath() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var line = order.at("/lines/0/id").asString();
        var key = trade.buyer().key();

        var missing = new LinkedHashMap<>(entry(line, null, 1, "1"));
        missing.remove("price");
        missing.put("reason", "CHANGED_MY_MIND");
        missing.put("quantity", 0);
        var invalid = cancel(orderId, key, Map.of("cancelations", List.of(missing)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "$.cancelations[0].price", "$.cancelations[0].reason", "$.cancelations[0].quantity");

        var wrongType = new LinkedHashMap<>(entry(line, null, 1, "1"));
        wrongType.put("quantity", "many");
        var typed = cancel(orderId, key, Map.of("cancelations", List.of(wrongType)));
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().at("/errors/0/field").asString()).isEqualTo("$.cancelations[0].quantity");

        assertThat(cancel(orderId, key, Map.of("cancelations", List.of()))
                        .json()
                        .at("/errors/0/field")
                        .asString())
                .isEqualTo("$.cancelations");
        var money = new LinkedHashMap<>(entry(line, null, 1, "1"));
        money.put("price", Map.of("amount", -1, "currency", "euro"));
        assertThat(cancel(orderId, key, Map.of("cancelations", List.of(money)))
                        .json()
                        .get("errors")
                        .findValuesAsString("field"))
                .containsExactlyInAnyOrder("$.cancelations[0].price.amount", "$.cancelations[0].price.currency");

        var malformed = api.request("POST", "/v2/orders/" + orderId + "/cancel")
                .key(key)
                .raw("application/json", "{\"cancelations\": [")
                .send();
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asString()).isEqualTo("INVALID_INPUT");

        var text = api.request("POST", "/v2/orders/" + orderId + "/cancel")
                .key(key)
                .raw("text/plain", "cancel please")
                .send();
        checked("POST", "/v2/orders/" + orderId + "/cancel", text);
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.json().get("code").asString()).isEqualTo("INVALID_INPUT");

        var method =
                api.request("PUT", "/v2/orders/" + orderId + "/cancel").key(key).send();
        checked("PUT", "/v2/orders/" + orderId + "/cancel", method);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().has("code")).isTrue();
    }

    @Test
    void anUnknownOrderOrActionIsDataNotFound() {
        var trade = given.trade();
        var order = anOrder(trade);
        var body = Map.of("cancelations", List.of(entry(order.at("/lines/0/id").asString(), null, 1, "1")));

        for (var orderId :
                List.of("0024_COMMERCIAL_ID-A", java.util.UUID.randomUUID().toString())) {
            var response = cancel(orderId, trade.buyer().key(), body);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("DATA_NOT_FOUND");
        }
        var stranger = given.party("SELLER");
        assertThat(cancel(order.get("id").asString(), stranger.key(), body).status())
                .isEqualTo(404);

        var accepted = cancel(order.get("id").asString(), trade.buyer().key(), body);
        var actionId = accepted.json().get("action_id").asString();
        var foreign = checked(
                "GET", "/v2/orders/actions/" + actionId, api.get("/v2/orders/actions/" + actionId, stranger.key()));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("code").asString()).isEqualTo("DATA_NOT_FOUND");
        assertThat(api.get("/v2/orders/actions/not-an-id", trade.buyer().key()).status())
                .isEqualTo(404);
    }

    @Test
    void aRuleRefusalFailsTheActionWithMiraklsCode() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var line = order.at("/lines/1/id").asString();
        var lineUrl = "/api/v1/orders/" + orderId + "/lines/" + line;
        api.post(lineUrl + "/confirm", trade.seller().key(), Map.of());
        assertThat(api.post(lineUrl + "/ship", trade.seller().key(), Map.of("quantity", 1))
                        .status())
                .isEqualTo(200);

        var shipped = cancel(orderId, trade.buyer().key(), Map.of("cancelations", List.of(entry(line, null, 1, "4"))));
        var tooMuch = cancel(
                orderId,
                trade.buyer().key(),
                Map.of("cancelations", List.of(entry(order.at("/lines/0/id").asString(), null, 1, "30.01"))));

        var failed = finished(
                shipped.json().get("action_id").asString(), trade.buyer().key());
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.at("/errors/0/code").asString()).isEqualTo("ORDER_IN_WRONG_STATE");
        assertThat(failed.at("/errors/0/message").asString()).isNotBlank();
        var overpaid = finished(
                tooMuch.json().get("action_id").asString(), trade.buyer().key());
        assertThat(overpaid.get("status").asString()).isEqualTo("FAILED");
        assertThat(overpaid.at("/errors/0/code").asString()).isEqualTo("INVALID_INPUT");
        assertThat(api.get("/api/v1/orders/" + orderId, trade.buyer().key())
                        .json()
                        .at("/lines/0/cancelledQuantity")
                        .asLong())
                .isZero();
    }

    @Test
    void callersWithoutAValidCredentialGetMiraklsError() {
        var path = "/v2/orders/actions/" + java.util.UUID.randomUUID();
        var anonymous = checked("GET", path, api.get(path, null));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
        var wrongKey = api.get("/v2/orders/actions/" + java.util.UUID.randomUUID(), "rk_not_a_key");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.json().get("message").asString()).isNotBlank();
    }
}
