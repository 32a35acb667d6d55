package io.rescind.dialects.walmart;

import static io.rescind.dialects.walmart.WalmartCancelTest.xmlCancel;
import static io.rescind.dialects.walmart.WalmartCancelTest.xmlLine;
import static io.rescind.dialects.walmart.WalmartCancelTest.xmlStatus;
import static io.rescind.dialects.walmart.WalmartErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Walmart's inventory endpoints, and the stock a cancel gives back. */
class WalmartInventoryTest extends ApiTest {

    Fixtures.Trade trade;
    WalmartClient walmart;

    @BeforeEach
    void aSellerWithAWalmartConsumer() {
        trade = given.trade();
        walmart = new WalmartClient(api, port, trade.seller());
    }

    String inventory(String sku, String amount) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <inventory xmlns="http://walmart.com/"><sku>%s</sku><quantity><unit>EACH</unit>\
                <amount>%s</amount></quantity><fulfillmentLagTime>1</fulfillmentLagTime></inventory>""".formatted(sku, amount);
    }

    @Test
    void putThenGetTheSellersStock() {
        var put = walmart.signed("PUT", "/v3/ca/inventory?sku=SKU-1")
                .raw("application/xml", inventory("SKU-1", "7"))
                .send();

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        var echoed = Xml.parse(put.text());
        assertThat(echoed.namespace()).isEqualTo("http://walmart.com/");
        assertThat(Xml.at(echoed.content(), "quantity/amount")).isEqualTo("7");
        assertThat(Xml.at(echoed.content(), "fulfillmentLagTime")).isEqualTo("1");

        var get = walmart.signed("GET", "/v3/ca/inventory?sku=SKU-1")
                .header("Accept", "application/json")
                .send();
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("sku").asString()).isEqualTo("SKU-1");
        assertThat(get.json().at("/quantity/amount").asLong()).isEqualTo(7);
        assertThat(get.json().at("/quantity/unit").asString()).isEqualTo("EACH");

        var canonical = api.get("/api/v1/inventory/SKU-1", trade.seller().key()).json();
        assertThat(canonical.get("available").asLong()).isEqualTo(7);
    }

    @Test
    void cancellingGivesTheUnitsBackInTheSameStepAndRecordsAnEvent() {
        assertThat(api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", 10))
                        .status())
                .isEqualTo(200);
        var order = given.anOrder(trade).withLine(3, "2.00").place();

        var cancel = walmart.signed(
                        "POST", "/v3/ca/orders/" + order.get("number").asLong() + "/cancel")
                .raw("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "2"))))
                .send();

        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
        var stock = walmart.signed("GET", "/v3/ca/inventory?sku=SKU-1").send();
        assertThat(Xml.at(Xml.parse(stock.text()).content(), "quantity/amount")).isEqualTo("12");
        var events = jdbc.sql(
                        "select payload::text from outbox where order_id = :order and type = 'inventory.adjusted'")
                .param("order", java.util.UUID.fromString(order.get("id").asString()))
                .query(String.class)
                .list();
        assertThat(events).hasSize(1);
        var event = io.rescind.support.Api.JSON.readTree(events.getFirst());
        assertThat(event.get("sku").asString()).isEqualTo("SKU-1");
        assertThat(event.get("available").asLong()).isEqualTo(12);
        assertThat(event.get("quantity").asLong()).isEqualTo(2);
        assertThat(event.get("actor").asString()).isEqualTo(trade.seller().id().toString());
    }

    @Test
    void concurrentCancelsGiveBackExactlyWhatWasCancelled() throws Exception {
        api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", 0));
        var orders = new java.util.ArrayList<Long>();
        for (int i = 0; i < 6; i++) {
            orders.add(given.anOrder(trade)
                    .withLine(2, "1.00")
                    .place()
                    .get("number")
                    .asLong());
        }
        var shared =
                given.anOrder(trade).withLine(3, "1.00").place().get("number").asLong();
        var calls = new java.util.ArrayList<java.util.concurrent.Callable<Integer>>();
        for (var number : orders) {
            calls.add(() -> cancelOne(number, "2"));
        }
        for (int i = 0; i < 5; i++) {
            calls.add(() -> cancelOne(shared, "1"));
        }

        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            statuses = new java.util.ArrayList<>();
            for (var future : pool.invokeAll(calls)) {
                statuses.add(future.get());
            }
        }

        assertThat(statuses.subList(0, 6)).containsOnly(200);
        assertThat(statuses.subList(6, 11)).containsExactlyInAnyOrder(200, 200, 200, 400, 400);
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(6 * 2 + 3);
    }

    private int cancelOne(long number, String amount) {
        return walmart.signed("POST", "/v3/ca/orders/" + number + "/cancel")
                .raw("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", amount))))
                .send()
                .status();
    }

    @Test
    void aCancelAwaitingApprovalRestocksOnlyWhenAccepted() {
        var policy = Map.of(
                "buyerMayCancel", List.of("ISSUED", "CONFIRMED", "SHIPPED"),
                "sellerMayCancel", List.of("ISSUED", "CONFIRMED", "SHIPPED"),
                "buyerNeedsApproval", List.of("ISSUED", "CONFIRMED"),
                "pendingTtl", "PT1H",
                "onExpiry", "REJECT");
        assertThat(api.put(
                                "/api/v1/sellers/" + trade.seller().id() + "/cancellation-policy",
                                trade.seller().key(),
                                policy)
                        .status())
                .isEqualTo(200);
        api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", 1));
        var order = given.anOrder(trade).withLine(3, "2.00").place();
        var path = "/api/v1/orders/" + order.get("id").asString() + "/cancellations";

        var requested = api.post(
                path,
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 2))));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(1);
        var pending = walmart.signed(
                        "GET", "/v3/ca/orders/" + order.get("number").asLong())
                .send();
        assertThat(WalmartCancelTest.statuses(Xml.parse(pending.text()), 0)).containsExactly(Map.entry("Created", "3"));

        var accepted = api.post(
                path + "/" + requested.json().get("id").asString() + "/accept",
                trade.seller().key(),
                Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);

        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(3);
        var after = walmart.signed("GET", "/v3/ca/orders/" + order.get("number").asLong())
                .send();
        assertThat(WalmartCancelTest.statuses(Xml.parse(after.text()), 0))
                .containsExactly(
                        Map.entry("Created", "1"), Map.entry("Cancelled/CUSTOMER_REQUESTED_SELLER_TO_CANCEL", "2"));
    }

    @Test
    void aCanonicalCancelMaySayNotToRestock() {
        api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", 5));
        var order = given.anOrder(trade).withLine(3, "2.00").place();
        var path = "/api/v1/orders/" + order.get("id").asString() + "/cancellations";

        var damaged = api.post(
                path,
                trade.seller().key(),
                Map.of(
                        "reason",
                        "DEFECTIVE",
                        "restock",
                        false,
                        "lines",
                        java.util.List.of(Map.of("lineNumber", 1, "quantity", 1))));
        assertThat(damaged.status()).as(damaged.toString()).isEqualTo(201);
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(5);

        var restocked = api.post(
                path,
                trade.seller().key(),
                Map.of("reason", "OUT_OF_STOCK", "lines", java.util.List.of(Map.of("lineNumber", 1, "quantity", 2))));
        assertThat(restocked.status()).as(restocked.toString()).isEqualTo(201);
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(7);
    }

    @Test
    void anUntrackedSkuIsNotFoundAndStaysUntrackedAfterACancel() {
        var order = given.anOrder(trade).withLine(1, "2.00").place();
        walmart.signed("POST", "/v3/ca/orders/" + order.get("number").asLong() + "/cancel")
                .raw("application/xml", xmlCancel(xmlLine(1, xmlStatus("Cancelled", "CANCEL_BY_SELLER", "1"))))
                .send();

        assertError(walmart.signed("GET", "/v3/ca/inventory?sku=SKU-1").send(), 404, "CONTENT_NOT_FOUND", null);
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key()).status())
                .isEqualTo(404);
    }

    @Test
    void badInventoryRequestsAreRefusedInWalmartsShape() {
        assertError(walmart.signed("GET", "/v3/ca/inventory").send(), 400, "MISSING_REQUEST_PARAM", "sku");
        assertError(
                walmart.signed("PUT", "/v3/ca/inventory?sku=SKU-1")
                        .raw("application/xml", inventory("SKU-2", "1"))
                        .send(),
                400,
                "INVALID_REQUEST_CONTENT",
                "sku");
        assertError(
                walmart.signed("PUT", "/v3/ca/inventory?sku=SKU-1")
                        .raw("application/xml", inventory("SKU-1", "-1"))
                        .send(),
                400,
                "INVALID_REQUEST_CONTENT",
                "quantity.amount");
        assertError(
                walmart.signed("PUT", "/v3/ca/inventory?sku=SKU-1")
                        .raw("application/xml", "<inventory>")
                        .send(),
                400,
                "MALFORMED_REQUEST_CONTENT",
                "body");
        assertError(
                walmart.signed("PUT", "/v3/ca/inventory?sku=SKU-1")
                        .raw("text/plain", "7")
                        .send(),
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                null);
    }

    @Test
    void theCanonicalInventoryApiRefusesBuyersAndBadLevels() {
        assertThat(api.put("/api/v1/inventory/SKU-1", trade.buyer().key(), Map.of("available", 1))
                        .status())
                .isEqualTo(403);
        var negative = api.put("/api/v1/inventory/SKU-1", trade.seller().key(), Map.of("available", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("type").asString()).isEqualTo("/problems/invalid-request");
        var operator = api.put(
                "/api/v1/inventory/SKU-9?sellerId=" + trade.seller().id(), OPERATOR_KEY, Map.of("available", 3));
        assertThat(operator.status()).as(operator.toString()).isEqualTo(200);
        assertThat(api.get("/api/v1/inventory/SKU-9", trade.seller().key())
                        .json()
                        .get("available")
                        .asLong())
                .isEqualTo(3);
    }
}
