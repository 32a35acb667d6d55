package io.rescind.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersApiTest extends ApiTest {

    @Test
    void aBuyerPlacesAnOrderAndBothSidesSeeIt() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(3, "12.50", Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 7.88))))
                .withLine(1, "99", Map.of("position", "0100", "shippingPrice", 4.95))
                .place();
        assertThat(order.get("number").asLong()).isPositive();
        assertThat(order.get("lines")).hasSize(2);
        var first = order.at("/lines/0");
        assertThat(first.get("number").asInt()).isEqualTo(1);
        assertThat(first.get("position").asString()).isEqualTo("0001");
        assertThat(first.get("status").asString()).isEqualTo("ISSUED");
        assertThat(first.at("/totals/price").decimalValue()).isEqualByComparingTo("37.50");
        assertThat(order.at("/lines/1/position").asString()).isEqualTo("0100");
        assertThat(order.at("/lines/1/unitPrice").decimalValue()).isEqualByComparingTo("99.00");

        var id = order.get("id").asString();
        assertThat(api.get("/api/v1/orders/" + id, trade.seller().key()).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/orders/" + id, OPERATOR_KEY).status()).isEqualTo(200);
    }

    @Test
    void partiesOutsideTheOrderGet404NotTheOrder() {
        var order = given.anOrder(given.trade()).withLine(1, "1").place();
        var stranger = given.party("BUYER");
        var response = api.get("/api/v1/orders/" + order.get("id").asString(), stranger.key());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/not-found");
        assertThat(response.text()).doesNotContain(order.get("orderNumber").asString());
    }

    @Test
    void placingTheSameOrderTwiceReturnsTheFirstAndADifferentOneConflicts() {
        var trade = given.trade();
        var builder = given.anOrder(trade).withLine(2, "5.00");
        var first = builder.place();
        var again = api.post("/api/v1/orders", trade.buyer().key(), builder.body());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(first.get("id").asString());

        var changed = given.anOrder(trade)
                .numbered(first.get("orderNumber").asString())
                .withLine(3, "5.00")
                .body();
        var conflict = api.post("/api/v1/orders", trade.buyer().key(), changed);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("type").asString()).isEqualTo("/problems/order-number-conflict");
    }

    @Test
    void badOrdersAreRefusedWithTheFieldNamedAndNothingStored() {
        var trade = given.trade();
        var number = Fixtures.uniqueNumber();
        var cases = List.of(
                Map.of("orderNumber", number, "sellerId", trade.seller().id(), "currency", "EUR", "lines", List.of()),
                Map.of(
                        "orderNumber",
                        number,
                        "sellerId",
                        trade.seller().id(),
                        "currency",
                        "EUR",
                        "lines",
                        List.of(Map.of("productId", "A", "quantity", 0, "unitPrice", 1))),
                Map.of(
                        "orderNumber",
                        number,
                        "sellerId",
                        trade.seller().id(),
                        "currency",
                        "EUR",
                        "lines",
                        List.of(Map.of("productId", "A", "quantity", 1, "unitPrice", -1))));
        for (var body : cases) {
            var response = api.post("/api/v1/orders", trade.buyer().key(), body);
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.json().get("errors")).isNotEmpty();
        }
        var tooPrecise =
                given.anOrder(trade).numbered(number).withLine(1, "1.005").body();
        var precise = api.post("/api/v1/orders", trade.buyer().key(), tooPrecise);
        assertThat(precise.status()).isEqualTo(422);
        assertThat(precise.json().get("type").asString()).isEqualTo("/problems/invalid-amount");

        var yen = given.anOrder(trade)
                .numbered(number)
                .inCurrency("XYZ")
                .withLine(1, "1")
                .body();
        assertThat(api.post("/api/v1/orders", trade.buyer().key(), yen)
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("/problems/invalid-currency");

        var twice = given.anOrder(trade)
                .numbered(number)
                .withLine(1, "1", Map.of("position", "A"))
                .withLine(1, "1", Map.of("position", "A"))
                .body();
        assertThat(api.post("/api/v1/orders", trade.buyer().key(), twice)
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("/problems/duplicate-position");

        var strangerSeller = given.anOrder(new Fixtures.Trade(trade.buyer(), trade.buyer()))
                .numbered(number)
                .withLine(1, "1")
                .body();
        assertThat(api.post("/api/v1/orders", trade.buyer().key(), strangerSeller)
                        .json()
                        .get("type")
                        .asString())
                .isEqualTo("/problems/unknown-party");

        var stored = jdbc.sql("select count(*) from purchase_orders where buyer_order_number = :n")
                .param("n", number)
                .query(Long.class)
                .single();
        assertThat(stored).isZero();
    }

    @Test
    void sellersCannotPlaceOrders() {
        var trade = given.trade();
        var response = api.post(
                "/api/v1/orders",
                trade.seller().key(),
                given.anOrder(trade).withLine(1, "1").body());
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void theSellerMovesLinesThroughTheirLifecycle() {
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(5, "2").withLine(1, "3").place();
        var base = "/api/v1/orders/" + order.get("id").asString() + "/lines/";
        var line = order.at("/lines/0/id").asString();
        var other = order.at("/lines/1/id").asString();
        var seller = trade.seller().key();

        assertThat(api.post(base + line + "/ship", seller, Map.of("quantity", 1))
                        .status())
                .isEqualTo(409);
        assertThat(api.post(base + line + "/confirm", seller, Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CONFIRMED");
        var shipped =
                api.post(base + line + "/ship", seller, Map.of("quantity", 2)).json();
        assertThat(shipped.get("status").asString()).isEqualTo("SHIPPED");
        assertThat(shipped.get("openQuantity").asLong()).isEqualTo(3);
        assertThat(api.post(base + line + "/complete", seller, Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("COMPLETED");
        assertThat(api.post(base + other + "/reject", seller, Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("REJECTED");

        var buyerTries = api.post(base + other + "/confirm", trade.buyer().key(), Map.of());
        assertThat(buyerTries.status()).isEqualTo(403);
        var tooMany = api.post(base + other + "/ship", seller, Map.of("quantity", 0));
        assertThat(tooMany.status()).isEqualTo(400);

        var history = api.get(
                        "/api/v1/orders/" + order.get("id").asString() + "/history",
                        trade.buyer().key())
                .json();
        assertThat(history.valueStream().map(e -> e.get("type").asString()))
                .containsExactly(
                        "order.created",
                        "order.line.confirmed",
                        "order.line.shipped",
                        "order.line.completed",
                        "order.line.rejected");
    }

    @Test
    void listingPagesWithACursorAndFilters() {
        var trade = given.trade();
        for (int i = 0; i < 5; i++) {
            given.anOrder(trade).withLine(1, "1").place();
        }
        var confirmedOrder = given.anOrder(trade).withLine(1, "1").place();
        api.post(
                "/api/v1/orders/%s/lines/%s/confirm"
                        .formatted(
                                confirmedOrder.get("id").asString(),
                                confirmedOrder.at("/lines/0/id").asString()),
                trade.seller().key(),
                Map.of());

        var seen = new HashSet<String>();
        String cursor = null;
        int pages = 0;
        do {
            var path = "/api/v1/orders?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            var page = api.get(path, trade.buyer().key()).json();
            page.get("items")
                    .forEach(o -> assertThat(seen.add(o.get("id").asString())).isTrue());
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asString() : null;
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(6);
        assertThat(pages).isGreaterThanOrEqualTo(3);

        var confirmed = api.get(
                        "/api/v1/orders?status=CONFIRMED", trade.seller().key())
                .json()
                .get("items");
        assertThat(confirmed).hasSize(1);
        assertThat(api.get("/api/v1/orders?status=BOGUS", trade.seller().key()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/orders?cursor=bm9wZQ", trade.seller().key()).status())
                .isEqualTo(400);
        var tooLarge = api.get("/api/v1/orders?limit=500", trade.seller().key());
        assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(400);
        var other = given.party("SELLER");
        assertThat(api.get("/api/v1/orders", other.key()).json().get("items")).isEmpty();
    }

    @Test
    void unknownQueryParametersAreRefusedNamingThem() {
        var trade = given.trade();
        var response = api.get(
                "/api/v1/orders?staus=ISSUED&limit=5&colour=red", trade.buyer().key());

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("/problems/unknown-query-parameter");
        assertThat(response.json().get("detail").asString()).contains("colour").contains("staus");
        assertThat(response.json().get("parameters").toString())
                .contains("colour")
                .contains("staus");
    }

    @Test
    void ordersAreFoundByTheBuyersOrderNumber() {
        var trade = given.trade();
        var number = io.rescind.support.Fixtures.uniqueNumber();
        var wanted = given.anOrder(trade).numbered(number).withLine(1, "1.00").place();
        given.anOrder(trade).withLine(1, "2.00").place();

        var found =
                api.get("/api/v1/orders?orderNumber=" + number, trade.buyer().key());

        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("items")).hasSize(1);
        assertThat(found.json().at("/items/0/id").asString())
                .isEqualTo(wanted.get("id").asString());
        var none =
                api.get("/api/v1/orders?orderNumber=PO-nothing", trade.buyer().key());
        assertThat(none.json().get("items")).isEmpty();
    }
}
