package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import io.rescind.support.Fixtures.Trade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Input found to answer 500, or to be silently coerced, each answered now with the right 4xx in the
 * shape of the API its path belongs to, naming the field, and with nothing stored.
 */
class HostileInputTest extends ApiTest {

    private static final String UNDECODABLE = "%ED%A0%80"; // a lone surrogate, percent-encoded as UTF-8

    private JsonNode anOrder(Trade trade) {
        return given.anOrder(trade).withLine(5, "10.00").place();
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo(type);
    }

    private static void assertWalmart(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        // XML, or JSON when the request's body was JSON: Walmart's error shape either way.
        assertThat(response.text()).contains("errors").contains(code + ".GMP_");
    }

    private static void assertTradecloud(Api.Response response, int status, String... inMessage) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().get("ok").asBoolean()).isFalse();
        assertThat(response.json().get("message").asString()).contains(inMessage);
    }

    // --- the six causes of 500

    @Test
    void aWildcardContentTypeIsUnsupportedInEveryApi() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var lineId = order.at("/lines/0/id").asString();

        var canonical = api.request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                .key(trade.buyer().key())
                .raw("*/*", "{\"reason\":\"BUYER_CANCELLED\"}")
                .send();
        var crux = api.request("DELETE", "/orders/items/cancel/" + lineId + "/")
                .header("Authorization", "Token " + trade.buyer().key())
                .raw("*/*", "{}")
                .send();
        var walmart = api.request("POST", "/v3/ca/orders/" + order.get("number").asLong() + "/cancel")
                .key(trade.seller().key())
                .raw("*/*", "<orderCancellation/>")
                .send();

        assertProblem(canonical, 415, "/problems/unsupported-media-type");
        assertThat(crux.status()).as(crux.toString()).isEqualTo(415);
        assertThat(crux.json().get("detail").asString()).contains("application/json");
        assertWalmart(walmart, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(openUnits(trade, orderId)).isEqualTo(5);
    }

    @Test
    void multipartWithoutBoundaryIsAnUnsupportedMediaType() {
        var trade = given.trade();
        var orderId = anOrder(trade).get("id").asString();

        var canonical = api.request("POST", "/api/v1/orders/" + orderId + "/cancellations")
                .key(trade.buyer().key())
                .raw("multipart/form-data", "--x\r\n")
                .send();
        var tradecloud = api.request("POST", "/v2/api-connector/order")
                .key(trade.buyer().key())
                .raw("multipart/form-data", "--x\r\n")
                .send();

        assertProblem(canonical, 415, "/problems/unsupported-media-type");
        assertTradecloud(tradecloud, 415, "application/json");
    }

    @Test
    void aQueryParameterThatIsNotUtf8IsABadRequest() {
        var trade = given.trade();

        var canonical =
                api.get("/api/v1/orders?limit=" + UNDECODABLE, trade.buyer().key());
        var mirakl = api.get("/v2/orders?limit=" + UNDECODABLE, trade.seller().key());

        assertProblem(canonical, 400, "/problems/invalid-request");
        assertThat(mirakl.status()).as(mirakl.toString()).isEqualTo(400);
        assertThat(mirakl.json().get("code").asString()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void tokenRequestsThatCannotBeDecodedAreBadRequestsInTheTokenEndpointsShape() {
        var percents = api.request("POST", "/mirakl/oauth/token")
                .raw("application/x-www-form-urlencoded", "%%%&&&==")
                .send();
        var nulInName = api.request("POST", "/mirakl/oauth/token")
                .raw("application/x-www-form-urlencoded", "a%00b=1&grant_type=client_credentials")
                .send();
        var walmart = api.request("POST", "/v3/token")
                .raw("application/x-www-form-urlencoded", "%%%")
                .send();

        for (var oauth : List.of(percents, nulInName)) {
            assertThat(oauth.status()).as(oauth.toString()).isEqualTo(400);
            assertThat(oauth.json().get("error").asString()).isEqualTo("invalid_request");
        }
        assertWalmart(walmart, 400, "INVALID_REQUEST_PARAM");
    }

    @Test
    void aNullLineOfATradecloudOrderIsABadRequestNamingIt() {
        var trade = given.trade();
        var number = "TC-" + Fixtures.uniqueNumber();

        var response = api.post(
                "/v2/api-connector/order",
                trade.buyer().key(),
                "{\"order\":{\"supplierAccountNumber\":\"%s\",\"purchaseOrderNumber\":\"%s\"},\"lines\":[null]}"
                        .formatted(trade.seller().id(), number));

        assertTradecloud(response, 400, "lines[0]");
        assertThat(ordersOf(trade)).isZero();
    }

    @Test
    void aNulInATradecloudOrderNumberIsABadRequestNamingIt() {
        var trade = given.trade();

        var response = api.post(
                "/v2/api-connector/order",
                trade.buyer().key(),
                "{\"order\":{\"supplierAccountNumber\":\"%s\",\"purchaseOrderNumber\":\"PO\\u0000-1\"},\"lines\":[]}"
                        .formatted(trade.seller().id()));

        assertTradecloud(response, 400, "order.purchaseOrderNumber", "NUL");
        assertThat(ordersOf(trade)).isZero();
    }

    // --- strict input

    @Test
    void aFractionWhereWholeUnitsAreCountedCancelsNothing() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var body = "{\"reason\":\"BUYER_CANCELLED\",\"lines\":[{\"lineId\":\"%s\",\"quantity\":1.5}]}"
                .formatted(order.at("/lines/0/id").asString());

        var response = api.post(
                "/api/v1/orders/" + orderId + "/cancellations", trade.buyer().key(), body);

        assertProblem(response, 400, "/problems/malformed-request");
        assertThat(response.json().get("field").asString()).isEqualTo("lines[0].quantity");
        assertThat(response.json().get("detail").asString()).contains("whole number");
        assertThat(openUnits(trade, orderId)).isEqualTo(5);
    }

    @Test
    void aFractionInAMiraklCancelIsRefusedAtItsJsonPath() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var body = """
                {"cancelations":[{"order_line_id":"%s","quantity":1.9,"reason":"OUT_OF_STOCK",
                  "price":{"amount":10.00,"currency":"EUR"},"shipping_price":{"amount":0,"currency":"EUR"}}]}""".formatted(order.at("/lines/0/id").asString());

        var response =
                api.post("/v2/orders/" + orderId + "/cancel", trade.seller().key(), body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("INVALID_INPUT");
        assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("$.cancelations[0].quantity");
        assertThat(openUnits(trade, orderId)).isEqualTo(5);
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingIt() {
        var trade = given.trade();
        var order = anOrder(trade);
        var orderId = order.get("id").asString();
        var body = "{\"reason\":\"BUYER_CANCELLED\",\"lines\":[{\"lineId\":\"%s\",\"quantity\":1,\"quantity\":3}]}"
                .formatted(order.at("/lines/0/id").asString());

        var canonical = api.post(
                "/api/v1/orders/" + orderId + "/cancellations", trade.buyer().key(), body);
        var walmart = api.request("POST", "/v3/ca/orders/" + order.get("number").asLong() + "/cancel")
                .key(trade.seller().key())
                .raw("application/json", "{\"orderLines\":{},\"orderLines\":{}}")
                .send();

        assertProblem(canonical, 400, "/problems/malformed-request");
        assertThat(canonical.json().get("field").asString()).isEqualTo("lines[0].quantity");
        assertThat(canonical.json().get("detail").asString()).contains("twice");
        assertWalmart(walmart, 400, "MALFORMED_REQUEST_CONTENT");
        assertThat(openUnits(trade, orderId)).isEqualTo(5);
    }

    @Test
    void loneSurrogatesAndNulsInTextAreRefusedNotStoredAsSomethingElse() {
        var trade = given.trade();
        var surrogate = given.anOrder(trade).withLine(1, "1.00").body();
        var withSurrogate = Api.JSON.writeValueAsString(surrogate).replace("\"Item 1\"", "\"Item \\ud800 1\"");
        var withNul = Api.JSON.writeValueAsString(surrogate).replace("\"Item 1\"", "\"Item \\u0000 1\"");
        var pair = Api.JSON
                .writeValueAsString(given.anOrder(trade).withLine(1, "1.00").body())
                .replace("\"Item 1\"", "\"Item \\ud83d\\ude00 1\"");

        var refused = api.post("/api/v1/orders", trade.buyer().key(), withSurrogate);
        var nul = api.post("/api/v1/orders", trade.buyer().key(), withNul);
        var accepted = api.post("/api/v1/orders", trade.buyer().key(), pair);

        assertProblem(refused, 400, "/problems/malformed-request");
        assertThat(refused.json().get("field").asString()).isEqualTo("lines[0].description");
        assertThat(refused.json().get("detail").asString()).contains("surrogate");
        assertProblem(nul, 400, "/problems/malformed-request");
        assertThat(nul.json().get("detail").asString()).contains("NUL");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().at("/lines/0/description").asString()).isEqualTo("Item \uD83D\uDE00 1");
        assertThat(ordersOf(trade)).isEqualTo(1);
    }

    @Test
    void aTradecloudPriceUnitThatIsZeroTinyOrAbsurdIsRefused() {
        var trade = given.trade();
        for (var priceUnit : List.of("0", "1e-400", "1e-9", "1e400", "-1")) {
            var body = Map.of(
                    "order",
                    Map.of(
                            "supplierAccountNumber",
                            trade.seller().id(),
                            "purchaseOrderNumber",
                            Fixtures.uniqueNumber()),
                    "lines",
                    List.of(Map.of(
                            "position",
                            "1",
                            "item",
                            Map.of("number", "SKU-1"),
                            "deliverySchedule",
                            List.of(Map.of("quantity", 2)),
                            "prices",
                            Map.of(
                                    "netPrice",
                                    Map.of("priceInTransactionCurrency", Map.of("value", 10, "currencyIso", "EUR")),
                                    "priceUnitQuantity",
                                    new java.math.BigDecimal(priceUnit)))));

            var response = api.post("/v2/api-connector/order", trade.buyer().key(), body);

            assertTradecloud(response, 400, "priceUnitQuantity");
        }
        assertThat(ordersOf(trade)).isZero();
    }

    private long openUnits(Trade trade, String orderId) {
        return api.get("/api/v1/orders/" + orderId, trade.buyer().key())
                .json()
                .at("/lines/0/openQuantity")
                .asLong();
    }

    private long ordersOf(Trade trade) {
        return jdbc.sql("select count(*) from purchase_orders where buyer_id = :buyer")
                .param("buyer", trade.buyer().id())
                .query(Long.class)
                .single();
    }
}
