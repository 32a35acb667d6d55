package io.rescind.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
        long before = writes(order);
        var response = api.request("POST", "/api/v1/orders/" + order.get("id").asString() + "/cancellations")
                .key(trade.buyer().key())
                .chunked("application/json", "{\"reason\":\"OTHER\",\"note\":\"" + PADDING + "\",\"lines\":[]}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/body-too-large");
        assertNothingWritten(order, before);
    }

    @Test
    void crux() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        long before = writes(order);
        var response = api.request(
                        "DELETE",
                        "/orders/items/cancel/" + order.at("/lines/0/id").asString() + "/")
                .header("Authorization", "Token " + trade.buyer().key())
                .chunked("application/json; charset=utf-8", "{\"padding\":\"" + PADDING + "\"}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().has("detail")).isTrue();
        assertNothingWritten(order, before);
    }

    @Test
    void mirakl() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        long before = writes(order);
        var response = api.request("POST", "/v2/orders/" + order.get("id").asString() + "/cancel")
                .key(trade.seller().key())
                .chunked("application/json", "{\"cancelations\":[],\"padding\":\"" + PADDING + "\"}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().has("code")).isTrue();
        assertNothingWritten(order, before);
    }

    @Test
    void tradecloud() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(2, "1").place();
        long before = writes(order);
        var response = api.request("POST", "/v2/api-connector/order/indicators")
                .key(trade.buyer().key())
                .chunked(
                        "application/json",
                        "{\"order\":{\"purchaseOrderNumber\":\""
                                + order.get("orderNumber").asString() + "\"},\"padding\":\"" + PADDING + "\"}")
                .send();
        assertThat(response.status()).as(response.toString()).isEqualTo(413);
        assertThat(response.json().get("ok").asBoolean()).isFalse();
        assertNothingWritten(order, before);
        assertThat(jdbc.sql("select count(*) from purchase_orders where buyer_id = :buyer")
                        .param("buyer", trade.buyer().id())
                        .query(Long.class)
                        .single())
                .as("no other order made for the buyer")
                .isEqualTo(1);
    }

    /** Rows that any change of the order writes: history, cancellations, outbox. */
    private long writes(JsonNode order) {
        return jdbc.sql("""
                        select (select count(*) from order_history where order_id = :order)
                             + (select count(*) from cancellations where order_id = :order)
                             + (select count(*) from outbox where order_id = :order)""")
                .param("order", UUID.fromString(order.get("id").asString()))
                .query(Long.class)
                .single();
    }

    /** The refused body changed nothing: no line moved, no row written for the order. */
    private void assertNothingWritten(JsonNode order, long writesBefore) {
        var now = jdbc.sql("select status, cancelled_quantity, pending_cancel_quantity, version from order_lines"
                        + " where order_id = :order and line_number = 1")
                .param("order", UUID.fromString(order.get("id").asString()))
                .query((rs, row) -> rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4))
                .single();
        assertThat(now).isEqualTo("ISSUED/0/0/" + order.at("/lines/0/version").asLong());
        assertThat(writes(order))
                .as("history, cancellations and outbox rows of the order")
                .isEqualTo(writesBefore);
    }
}
