package io.rescind.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants holding look-alike data: parties of the same names, orders of the same buyer order
 * number, lines of the same SKUs. Nothing of one is visible or touchable from the other, for its
 * parties nor for its operator, who sees every order of its own tenant.
 */
class TenantIsolationApiTest extends ApiTest {

    private record Side(Fixtures given, Fixtures.Trade trade, JsonNode order) {
        String orderPath() {
            return "/api/v1/orders/" + order.get("id").asString();
        }

        String lineId() {
            return order.at("/lines/0/id").asString();
        }
    }

    private Side mine;
    private Side theirs;

    @BeforeEach
    void twins() {
        var number = Fixtures.uniqueNumber();
        mine = side(given, number);
        theirs = side(given.in(Fixtures.OTHER_TENANT), number);
        assertThat(theirs.order().get("orderNumber").asString())
                .isEqualTo(mine.order().get("orderNumber").asString());
        assertThat(theirs.order().at("/lines/0/productId").asString())
                .isEqualTo(mine.order().at("/lines/0/productId").asString());
    }

    private static Side side(Fixtures fixtures, String number) {
        var trade = fixtures.trade("Twin buyer", "Twin seller");
        var order =
                fixtures.anOrder(trade).numbered(number).withLine(5, "10.00").place();
        return new Side(fixtures, trade, order);
    }

    @Test
    void eachOperatorSeesItsOwnTenantsOrderOnly() {
        assertThat(api.get(mine.orderPath(), mine.given().operatorKey()).status())
                .isEqualTo(200);
        assertThat(api.get(theirs.orderPath(), theirs.given().operatorKey()).status())
                .isEqualTo(200);

        for (var path : List.of("", "/history", "/cancellations")) {
            assertThat(api.get(theirs.orderPath() + path, mine.given().operatorKey())
                            .status())
                    .as("operator of A reads B's order%s", path)
                    .isEqualTo(404);
            assertThat(api.get(mine.orderPath() + path, theirs.given().operatorKey())
                            .status())
                    .as("operator of B reads A's order%s", path)
                    .isEqualTo(404);
        }
    }

    @Test
    void listsOfOneTenantNeverHoldTheOthersOrders() {
        var theirId = theirs.order().get("id").asString();
        for (var filter : List.of(
                "?buyerId=" + theirs.trade().buyer().id(),
                "?sellerId=" + theirs.trade().seller().id(),
                "?limit=200")) {
            assertThat(orderIds("/api/v1/orders" + filter, mine.given().operatorKey()))
                    .as("operator of A lists %s", filter)
                    .doesNotContain(theirId);
        }
        assertThat(orderIds(
                        "/api/v1/orders?buyerId=" + mine.trade().buyer().id(),
                        mine.given().operatorKey()))
                .containsExactly(mine.order().get("id").asString());
        assertThat(orderIds("/api/v1/orders?limit=200", theirs.given().operatorKey()))
                .contains(theirId)
                .doesNotContain(mine.order().get("id").asString());
        assertThat(orderIds("/api/v1/orders", mine.trade().buyer().key())).doesNotContain(theirId);
        assertThat(orderIds("/api/v1/orders", mine.trade().seller().key())).doesNotContain(theirId);
    }

    @Test
    void nobodyOfOneTenantChangesTheOthersOrder() {
        var cancel = Map.of(
                "reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineId", theirs.lineId(), "quantity", 1)));
        long historyBefore = writesTo(theirs);
        var strangers = List.of(
                mine.given().operatorKey(),
                mine.trade().buyer().key(),
                mine.trade().seller().key());
        for (var key : strangers) {
            assertThat(api.post(theirs.orderPath() + "/cancellations", key, cancel)
                            .status())
                    .isEqualTo(404);
            assertThat(api.post(theirs.orderPath() + "/cancel", key, Map.of("reason", "CUSTOMER_REQUEST"))
                            .status())
                    .isEqualTo(404);
            // Only sellers move lines: the others are refused by role before any lookup.
            var notFound = key.equals(mine.trade().seller().key()) ? List.of(404) : List.of(403, 404);
            var linePath = theirs.orderPath() + "/lines/" + theirs.lineId();
            assertThat(api.post(linePath + "/confirm", key, Map.of()).status()).isIn(notFound);
            assertThat(api.post(linePath + "/ship", key, Map.of("quantity", 1)).status())
                    .isIn(notFound);
        }

        var after = api.get(theirs.orderPath(), theirs.given().operatorKey()).json();
        assertThat(after.at("/lines/0/status").asString()).isEqualTo("ISSUED");
        assertThat(after.at("/lines/0/cancelledQuantity").asLong()).isZero();
        assertThat(after.at("/lines/0/shippedQuantity").asLong()).isZero();
        assertThat(after.at("/lines/0/version").asLong())
                .isEqualTo(theirs.order().at("/lines/0/version").asLong());
        assertThat(writesTo(theirs)).isEqualTo(historyBefore);
    }

    /** History entries and cancellations written for an order, in any tenant. */
    private long writesTo(Side side) {
        var order = java.util.UUID.fromString(side.order().get("id").asString());
        return jdbc.sql("""
                        select (select count(*) from order_history where order_id = :order)
                             + (select count(*) from cancellations where order_id = :order)""").param("order", order).query(Long.class).single();
    }

    private List<String> orderIds(String path, String key) {
        var response = api.get(path, key);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var ids = new ArrayList<String>();
        response.json().get("items").forEach(order -> ids.add(order.get("id").asString()));
        return ids;
    }
}
