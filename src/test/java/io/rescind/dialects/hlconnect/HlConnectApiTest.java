package io.rescind.dialects.hlconnect;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The HL Connect dialect over real HTTP: every status code of the cancel call, the info and health calls. */
class HlConnectApiTest extends ApiTest {

    private Api.Response cancel(String key, String query) {
        return api.request("DELETE", "/purchase/cancel?" + query)
                .key(key)
                .header("Accept", "application/json")
                .send();
    }

    private Api.Response cancel(String key, JsonNode order, int line) {
        return cancel(
                key,
                "order_id=%d&order_line_id=%d".formatted(order.get("number").asLong(), line));
    }

    private Api.Response info(String key, JsonNode order) {
        return api.get("/purchase/info?order_id=" + order.get("number").asLong(), key);
    }

    private JsonNode twoLineOrder(Trade trade) {
        return given.anOrder(trade)
                .withLine(2, "3.99", Map.of("productId", "1499"))
                .withLine(1, "5.00")
                .place();
    }

    private JsonNode reload(JsonNode order, String key) {
        return api.get("/api/v1/orders/" + order.get("id").asString(), key).json();
    }

    private static void assertError(Api.Response response, int status, String name) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        var body = response.json();
        assertThat(body.get("name").asString()).isEqualTo(name);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("code").asInt()).isEqualTo(status);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }

    @Test
    void theBuyerCancelsOneLineAndGets201WithAnEmptyBodyAndTheEnvironment() {
        var trade = given.trade();
        var order = twoLineOrder(trade);

        var response = cancel(trade.buyer().key(), order, 1);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.text()).isEmpty();
        assertThat(response.header("X-Environment")).isEqualTo("production");
        var after = reload(order, trade.seller().key());
        assertThat(after.at("/lines/0/status").asString()).isEqualTo("CANCELLED");
        assertThat(after.at("/lines/0/cancelledQuantity").asLong()).isEqualTo(2);
        assertThat(after.at("/lines/1/status").asString()).isEqualTo("ISSUED");
        var cancellations = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                        trade.buyer().key())
                .json();
        assertThat(cancellations).hasSize(1);
        assertThat(cancellations.get(0).get("reason").asString()).isEqualTo("BUYER_CANCELLED");
    }

    @Test
    void theSellerCancelsWithTheSellersReason() {
        var trade = given.trade();
        var order = twoLineOrder(trade);

        assertThat(cancel(trade.seller().key(), order, 2).status()).isEqualTo(201);

        var cancellations = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                        trade.seller().key())
                .json();
        assertThat(cancellations.get(0).get("reason").asString()).isEqualTo("SELLER_CANCELLED");
        assertThat(cancellations.at("/0/lines/0/lineNumber").asInt()).isEqualTo(2);
    }

    @Test
    void cancellingAnAlreadyCancelledLineIsAnInvalidOrderStatus() {
        var trade = given.trade();
        var order = twoLineOrder(trade);
        assertThat(cancel(trade.buyer().key(), order, 1).status()).isEqualTo(201);

        var again = cancel(trade.buyer().key(), order, 1);

        assertError(again, 400, "InvalidOrderStatus");
        assertThat(again.json().get("message").asString()).startsWith("Invalid order status for cancellation");
        assertThat(again.header("X-Environment")).isNull();
    }

    @Test
    void concurrentCancelsOfOneLineSucceedOnceAndAreRefusedOtherwise() throws Exception {
        var trade = given.trade();
        var order = twoLineOrder(trade);
        List<Future<Api.Response>> answers;
        try (var pool = Executors.newFixedThreadPool(8)) {
            answers = pool.invokeAll(
                    Collections.nCopies(8, () -> cancel(trade.buyer().key(), order, 1)));
        }

        var statuses = new ArrayList<Integer>();
        for (var answer : answers) {
            statuses.add(answer.get().status());
        }
        assertThat(statuses).containsOnly(201, 400).containsOnlyOnce(201);
        assertThat(reload(order, trade.buyer().key())
                        .at("/lines/0/cancelledQuantity")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void aCompletedLineCannotBeCancelledAndNothingChanges() {
        var trade = given.trade();
        var order = twoLineOrder(trade);
        var line = "/api/v1/orders/%s/lines/%s/"
                .formatted(order.get("id").asString(), order.at("/lines/0/id").asString());
        assertThat(api.post(line + "confirm", trade.seller().key(), Map.of()).status())
                .isEqualTo(200);
        assertThat(api.post(line + "complete", trade.seller().key(), Map.of()).status())
                .isEqualTo(200);

        var response = cancel(trade.buyer().key(), order, 1);

        assertError(response, 400, "InvalidOrderStatus");
        assertThat(response.json().get("message").asString()).startsWith("Invalid order status for cancellation");
        assertThat(reload(order, trade.buyer().key()).at("/lines/0/status").asString())
                .isEqualTo("COMPLETED");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "order_id=1",
                "order_line_id=1",
                "order_id=abc&order_line_id=1",
                "order_id=1&order_line_id=x",
                "order_id=0&order_line_id=1",
                "order_id=-4&order_line_id=1",
                "order_id=1&order_line_id=0",
                "order_id=1.5&order_line_id=1",
                "order_id=99999999999999999999&order_line_id=1",
                "order_id=1&order_line_id=3000000000",
                "order_id=&order_line_id=1",
                "order_id=1&order_id=2&order_line_id=1"
            })
    void missingMalformedOrOutOfRangeParametersAre400(String query) {
        var trade = given.trade();
        var order = twoLineOrder(trade);

        var response = cancel(trade.buyer().key(), query);

        assertError(response, 400, "ValidationError");
        assertThat(reload(order, trade.buyer().key()).at("/lines/0/status").asString())
                .isEqualTo("ISSUED");
    }

    @Test
    void theBadRequestMessageNamesTheParameter() {
        var key = given.party("BUYER").key();
        assertThat(cancel(key, "order_id=1").json().get("message").asString()).contains("order_line_id");
        assertThat(cancel(key, "order_id=0&order_line_id=1")
                        .json()
                        .get("message")
                        .asString())
                .contains("order_id");
        assertThat(cancel(key, "order_id=abc&order_line_id=1")
                        .json()
                        .get("message")
                        .asString())
                .contains("order_id")
                .contains("abc");
    }

    @Test
    void aMissingOrInvalidBearerTokenIs401() {
        var trade = given.trade();
        var order = twoLineOrder(trade);
        var query = "order_id=%d&order_line_id=1".formatted(order.get("number").asLong());

        assertError(cancel(null, query), 401, "Unauthorized");
        assertError(cancel("rk_not_a_key", query), 401, "Unauthorized");
        var basic = api.request("DELETE", "/purchase/cancel?" + query)
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .send();
        assertError(basic, 401, "Unauthorized");
        assertThat(basic.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(reload(order, trade.buyer().key()).at("/lines/0/status").asString())
                .isEqualTo("ISSUED");
    }

    @Test
    void anOrderOrLineTheCallerCannotSeeIs404() {
        var trade = given.trade();
        var order = twoLineOrder(trade);
        var stranger = given.party("BUYER");

        assertError(cancel(stranger.key(), order, 1), 404, "NotFound");
        assertError(cancel(trade.buyer().key(), order, 3), 404, "NotFound");
        assertError(cancel(trade.buyer().key(), "order_id=999999999999&order_line_id=1"), 404, "NotFound");
        assertThat(reload(order, trade.buyer().key()).at("/lines/0/status").asString())
                .isEqualTo("ISSUED");
    }

    @Test
    void anOperatorMayCancelForEitherSide() {
        var trade = given.trade();
        var order = twoLineOrder(trade);

        assertThat(cancel(OPERATOR_KEY, order, 2).status()).isEqualTo(201);
        assertThat(reload(order, trade.buyer().key()).at("/lines/1/status").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void infoShowsTheLinesAsOrderItemsWithACancelledLineCancelled() {
        var trade = given.trade();
        var order = twoLineOrder(trade);
        assertThat(cancel(trade.buyer().key(), order, 2).status()).isEqualTo(201);

        var response = info(trade.seller().key(), order);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("X-Environment")).isEqualTo("production");
        var items = response.json();
        assertThat(items).hasSize(2);
        var first = items.get(0);
        assertThat(first.get("order_id").asLong()).isEqualTo(order.get("number").asLong());
        assertThat(first.get("order_line_id").asInt()).isEqualTo(1);
        assertThat(first.get("asset_id").asLong()).isEqualTo(1499);
        assertThat(first.get("unit_price").decimalValue()).isEqualByComparingTo("3.99");
        assertThat(first.get("line_item_price").decimalValue()).isEqualByComparingTo("7.98");
        assertThat(first.get("quantity").asLong()).isEqualTo(2);
        assertThat(first.get("status").asString()).isEqualTo("PROCESSING");
        assertThat(items.get(1).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(items.get(1).has("asset_id")).isFalse();
    }

    @Test
    void infoAnswers400401And404InHlConnectsShape() {
        var trade = given.trade();
        var order = twoLineOrder(trade);

        assertError(api.get("/purchase/info", trade.buyer().key()), 400, "ValidationError");
        assertError(api.get("/purchase/info?order_id=zero", trade.buyer().key()), 400, "ValidationError");
        assertError(api.get("/purchase/info?order_id=0", trade.buyer().key()), 400, "ValidationError");
        assertError(info(null, order), 401, "Unauthorized");
        assertError(info(given.party("SELLER").key(), order), 404, "NotFound");
    }

    @Test
    void healthIsPublicAndListsTheComponents() {
        var response = api.get("/health", null);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var items = response.json();
        assertThat(items.isArray()).isTrue();
        assertThat(items.valueStream().map(item -> item.get("name").asString())).contains("db");
        assertThat(items.valueStream().allMatch(item -> item.get("health").asBoolean()))
                .isTrue();
        assertThat(api.get("/health", "rk_not_a_key").status())
                .as("a key sent along is not looked at")
                .isEqualTo(200);
    }

    @Test
    void otherMethodsAndPathsUnderPurchaseAnswerInHlConnectsShape() {
        var key = given.party("BUYER").key();

        var post = api.request("POST", "/purchase/cancel?order_id=1&order_line_id=1")
                .key(key)
                .send();
        assertError(post, 405, "MethodNotAllowed");
        assertThat(post.header("Allow")).isEqualTo("DELETE");
        assertError(api.get("/purchase/register", key), 404, "NotFound");
        var trade = given.trade();
        var order = twoLineOrder(trade);
        var xml = api.request(
                        "GET", "/purchase/info?order_id=" + order.get("number").asLong())
                .key(trade.buyer().key())
                .header("Accept", "application/xml")
                .send();
        assertThat(xml.status()).as(xml.toString()).isEqualTo(406);
    }
}
