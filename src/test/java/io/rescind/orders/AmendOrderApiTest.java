package io.rescind.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The buyer's update of its order on the canonical API. */
class AmendOrderApiTest extends ApiTest {

    @Test
    void theBuyerAddsAndChangesLinesEachApplyingOrRefusedOnItsOwn() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(5, "10.00", Map.of("position", "A"))
                .withLine(5, "10.00", Map.of("position", "B"))
                .place();
        var id = order.get("id").asString();
        api.post(
                "/api/v1/orders/" + id + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "B", "quantity", 1))));

        var response = api.request("PATCH", "/api/v1/orders/" + id)
                .key(trade.buyer().key())
                .json(Map.of(
                        "lines",
                        List.of(
                                Map.of("position", "A", "quantity", 8, "unitPrice", 9.5),
                                Map.of("position", "B", "unitPrice", 12),
                                Map.of("position", "C", "productId", "SKU-9", "quantity", 2, "unitPrice", 3))))
                .send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var body = response.json();
        assertThat(body.get("lines").valueStream().map(l -> l.get("outcome").asString()))
                .containsExactly("CHANGED", "REFUSED", "ADDED");
        assertThat(body.at("/lines/1/reason").asString()).isEqualTo("price-locked");
        assertThat(body.at("/order/lines/0/quantity").asLong()).isEqualTo(8);
        assertThat(body.at("/order/lines/0/totals/price").decimalValue()).isEqualByComparingTo("76.00");
        assertThat(body.at("/order/lines/1/unitPrice").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(body.at("/order/lines/2/number").asInt()).isEqualTo(3);
        assertThat(body.at("/order/version").asLong()).isEqualTo(2);
    }

    @Test
    void sellersMayNotAmendAndBadInputIsRefusedWithNothingChanged() {
        var trade = given.trade();
        var id = given.anOrder(trade).withLine(5, "10.00").place().get("id").asString();
        var patch = (java.util.function.BiFunction<String, Object, io.rescind.support.Api.Response>) (key, body) ->
                api.request("PATCH", "/api/v1/orders/" + id).key(key).json(body).send();

        var seller = patch.apply(trade.seller().key(), Map.of("lines", List.of(Map.of("position", "0001"))));
        assertThat(seller.status()).isEqualTo(403);
        for (var body : List.<Object>of(
                Map.of("lines", List.of(Map.of("position", "0001", "quantity", 0))),
                Map.of("lines", List.of(Map.of("position", "has space"))),
                Map.of("lines", List.of(Map.of("position", "0002", "quantity", 1))),
                Map.of("lines", List.of(Map.of("position", "0001", "unitPrice", "1.001"))),
                Map.of("complete", List.of("nope")),
                "{\"lines\": ")) {
            var response = patch.apply(trade.buyer().key(), body);
            assertThat(response.status()).as(body + " → " + response).isIn(400, 422);
            assertThat(response.json().get("type").asString()).isNotBlank();
        }
        assertThat(patch.apply(given.party("BUYER").key(), Map.of()).status()).isEqualTo(404);
        var order = api.get("/api/v1/orders/" + id, trade.buyer().key()).json();
        assertThat(order.get("version").asLong()).isZero();
        assertThat(order.at("/lines/0/quantity").asLong()).isEqualTo(5);
    }
}
