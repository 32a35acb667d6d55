package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A chunked body that runs past the bound (64 KB in tests) is refused with 413 in the shape of the
 * API it was sent to, and nothing is written: the size shows only while the body is read.
 */
class OversizedBodyTest extends ApiTest {

    private static final String PADDING = "x".repeat(70_000);

    @Test
    void canonical() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        var response = api.request("POST", "/api/v1/orders/" + order.get("id").asString() + "/cancellations")
                .key(trade.buyer().key())
                .chunked("application/json", "{\"reason\":\"OTHER\",\"note\":\"" + PADDING + "\",\"lines\":[]}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/body-too-large");
    }

    @Test
    void crux() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        var response = api.request(
                        "DELETE",
                        "/orders/items/cancel/" + order.at("/lines/0/id").asString() + "/")
                .header("Authorization", "Token " + trade.buyer().key())
                .chunked("application/json; charset=utf-8", "{\"padding\":\"" + PADDING + "\"}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().has("detail")).isTrue();
        assertThat(api.get(
                                "/api/v1/orders/" + order.get("id").asString(),
                                trade.buyer().key())
                        .json()
                        .at("/lines/0/status")
                        .asString())
                .isEqualTo("ISSUED");
    }

    @Test
    void mirakl() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        var response = api.request("POST", "/v2/orders/" + order.get("id").asString() + "/cancel")
                .key(trade.seller().key())
                .chunked("application/json", "{\"cancelations\":[],\"padding\":\"" + PADDING + "\"}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().has("code")).isTrue();
    }

    @Test
    void tradecloud() {
        var trade = given.trade();
        var response = api.request("POST", "/v2/api-connector/order/indicators")
                .key(trade.buyer().key())
                .chunked(
                        "application/json",
                        "{\"order\":{\"purchaseOrderNumber\":\"" + UUID.randomUUID() + "\"},\"padding\":\"" + PADDING
                                + "\"}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().get("ok").asBoolean()).isFalse();
    }
}
