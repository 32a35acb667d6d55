package io.rescind.dialects.walmart;

import static io.rescind.dialects.walmart.WalmartCancelTest.statuses;
import static io.rescind.dialects.walmart.WalmartErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading, listing and acknowledging orders through the Walmart endpoints. */
class WalmartOrdersTest extends ApiTest {

    Fixtures.Trade trade;
    WalmartClient walmart;

    @BeforeEach
    void aSellerWithAWalmartConsumer() {
        trade = given.trade();
        walmart = new WalmartClient(api, port, trade.seller());
    }

    @Test
    void acknowledgingConfirmsTheLinesStillWaiting() {
        var order = given.anOrder(trade).withLine(2, "3.00").withLine(1, "4.00").place();
        var number = order.get("number").asLong();

        var response = walmart.signed("POST", "/v3/ca/orders/" + number + "/acknowledge")
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var parsed = Xml.parse(response.text());
        assertThat(statuses(parsed, 0)).containsExactly(Map.entry("Acknowledged", "2"));
        assertThat(statuses(parsed, 1)).containsExactly(Map.entry("Acknowledged", "1"));
        assertThat(OrderSchema.violations(parsed.content())).isEmpty();
        var canonical = api.get(
                        "/api/v1/orders/" + order.get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/status").asString()).isEqualTo("CONFIRMED");

        var again = walmart.signed("POST", "/v3/ca/orders/" + number + "/acknowledge")
                .send();
        assertThat(again.status()).isEqualTo(200);
        assertError(
                walmart.signed("POST", "/v3/ca/orders/999999999/acknowledge").send(), 404, "CONTENT_NOT_FOUND", null);
    }

    @Test
    void listingPagesThroughNextCursorAsTheSpecDescribes() {
        var numbers = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            numbers.add(String.valueOf(given.anOrder(trade)
                    .withLine(1, "1.00")
                    .place()
                    .get("number")
                    .asLong()));
        }
        var seen = new ArrayList<String>();
        var path = "/v3/ca/orders?createdStartDate=2020-01-01&limit=2";
        int pages = 0;
        while (path != null) {
            var response = walmart.signed("GET", path).send();
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            var parsed = Xml.parse(response.text());
            assertThat(parsed.root()).isEqualTo("list");
            assertThat(Xml.at(parsed.content(), "meta/limit")).isEqualTo("2");
            for (var element : Xml.all(parsed.content(), "elements/order")) {
                assertThat(OrderSchema.violations(element)).isEmpty();
                seen.add(String.valueOf(Xml.at(element, "purchaseOrderId")));
            }
            var cursor = Xml.at(parsed.content(), "meta/nextCursor");
            path = cursor == null ? null : "/v3/ca/orders" + cursor;
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(numbers);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listingFiltersByStatusSkuAndDateAndAnswersJson() {
        var first = given.anOrder(trade).withLine(1, "1.00").place();
        var second =
                given.anOrder(trade).withLine(1, "1.00").withLine(1, "2.00").place();
        walmart.signed("POST", "/v3/ca/orders/" + second.get("number").asLong() + "/acknowledge")
                .send();

        var acknowledged = walmart.signed("GET", "/v3/ca/orders?createdStartDate=2020-01-01&status=Acknowledged")
                .header("Accept", "application/json")
                .send();
        assertThat(acknowledged.status()).as(acknowledged.toString()).isEqualTo(200);
        var orders = acknowledged.json().at("/list/elements/order");
        assertThat(orders.size()).isEqualTo(1);
        assertThat(orders.get(0).get("purchaseOrderId").asString())
                .isEqualTo(second.get("number").asString());

        var bySku = walmart.signed("GET", "/v3/ca/orders?createdStartDate=2020-01-01&sku=SKU-2")
                .header("Accept", "application/json")
                .send();
        assertThat(bySku.json().at("/list/elements/order").size()).isEqualTo(1);

        var future = walmart.signed("GET", "/v3/ca/orders?createdStartDate=2999-01-01T00:00:00Z")
                .header("Accept", "application/json")
                .send();
        assertThat(future.json().at("/list/elements/order").size()).isZero();
        assertThat(future.json().at("/list/meta/nextCursor").isMissingNode()).isTrue();

        var one = walmart.signed(
                        "GET",
                        "/v3/ca/orders?createdStartDate=2020-01-01&purchaseOrderId="
                                + first.get("number").asLong())
                .header("Accept", "application/json")
                .send();
        assertThat(one.json().at("/list/elements/order").size()).isEqualTo(1);
    }

    @Test
    void anOperatorToolCanUseARescindKey() {
        var order = given.anOrder(trade).withLine(1, "1.00").place();

        var response = api.request("GET", "/v3/ca/orders/" + order.get("number").asLong())
                .key(OPERATOR_KEY)
                .header("Accept", "application/json")
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().at("/order/orderLines/orderLine/0/item/sku").asString())
                .isEqualTo("SKU-1");
        assertThat(List.of(response.json().at("/order/customerOrderId").asString()))
                .isNotEmpty();
    }
}
