package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MiraklOrdersTest extends ApiTest {

    @Test
    void anOrderShowsWhatIsLeftAfterCancelationsAndEachCancelationAsAnAdjustment() {
        var trade = given.trade();
        var order = given.anOrder(trade)
                .withLine(
                        4,
                        "10.00",
                        Map.of("taxes", List.of(Map.of("code", "VAT", "amount", 8.00)), "shippingPrice", 4.00))
                .place();
        var orderId = order.get("id").asString();
        var line = order.at("/lines/0/id").asString();
        var accepted = api.post(
                "/v2/orders/" + orderId + "/cancel",
                trade.seller().key(),
                Map.of(
                        "cancelations",
                        List.of(Map.of(
                                "order_line_id",
                                line,
                                "quantity",
                                1,
                                "reason",
                                "OUT_OF_STOCK",
                                "price",
                                Map.of("amount", 10, "currency", "EUR"),
                                "shipping_price",
                                Map.of("amount", 1, "currency", "EUR")))));
        var actionId = accepted.json().get("action_id").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get(
                                        "/v2/orders/actions/" + actionId,
                                        trade.seller().key())
                                .json()
                                .get("status")
                                .asString(),
                        "SUCCESS"::equals);

        var page = MiraklCancelTest.checked(
                "GET",
                "/v2/orders",
                api.get("/v2/orders?order_ids=" + orderId, trade.buyer().key()));

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        var shown = page.json().at("/data/0");
        assertThat(shown.get("id").asString()).isEqualTo(orderId);
        assertThat(shown.get("status").asString()).isEqualTo("AWAITING_ACCEPTANCE");
        var shownLine = shown.at("/order_lines/0");
        assertThat(shownLine.get("id").asString()).isEqualTo(line);
        assertThat(shownLine.get("can_cancel").asBoolean()).isTrue();
        assertThat(shownLine.get("quantity").asLong()).isEqualTo(3);
        assertThat(shownLine.at("/price/amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(shownLine.at("/total_shipping_price/amount").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(shownLine.at("/taxes/0/amount/amount").decimalValue()).isEqualByComparingTo("6.00");
        assertThat(shownLine.at("/product/id").asString()).isEqualTo("SKU-1");
        var adjustment = shownLine.at("/adjustments/0");
        assertThat(adjustment.get("type").asString()).isEqualTo("CANCELATION");
        assertThat(adjustment.get("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(adjustment.get("quantity").asLong()).isEqualTo(1);
        assertThat(adjustment.at("/price/amount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(adjustment.at("/taxes/0/amount/amount").decimalValue()).isEqualByComparingTo("2.00");
    }

    @Test
    void pagesFollowEachOtherByTokenAndFiltersApply() {
        var trade = given.trade();
        var placed = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            placed.add(
                    given.anOrder(trade).withLine(1, "1.00").place().get("id").asString());
        }
        var cancelled = placed.get(4);
        api.post("/api/v1/orders/" + cancelled + "/cancel", trade.buyer().key(), Map.of("reason", "BUYER_CANCELLED"));

        var seen = new ArrayList<String>();
        String token = null;
        int pages = 0;
        do {
            var response = api.get(
                    "/v2/orders?limit=2" + (token == null ? "" : "&page_token=" + token),
                    trade.buyer().key());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("data").size()).isLessThanOrEqualTo(2);
            body.get("data").forEach(o -> seen.add(o.get("id").asString()));
            token = body.has("next_page_token") ? body.get("next_page_token").asString() : null;
            pages++;
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(placed);
        assertThat(pages).isEqualTo(3);
        var closed = api.get(
                        "/v2/orders?statuses=CLOSED&limit=100", trade.buyer().key())
                .json();
        assertThat(closed.get("data").valueStream().map(o -> o.get("id").asString()))
                .containsExactly(cancelled);
        assertThat(closed.at("/data/0/status_reason").asString()).isEqualTo("CANCELED");
        assertThat(closed.at("/data/0/order_lines/0/can_cancel").asBoolean()).isFalse();
        assertThat(api.get(
                                "/v2/orders?updated_from=2999-01-01T00:00:00Z",
                                trade.buyer().key())
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void badQueryParametersAre400sNamingTheParameter() {
        var key = given.party("BUYER").key();
        for (var query : Map.of(
                        "limit=0", "limit",
                        "limit=many", "limit",
                        "statuses=LOST", "statuses",
                        "updated_from=yesterday", "updated_from",
                        "page_token=bogus", "page_token")
                .entrySet()) {
            var response = MiraklCancelTest.checked("GET", "/v2/orders", api.get("/v2/orders?" + query.getKey(), key));
            assertThat(response.status()).as(query.getKey() + " " + response).isEqualTo(400);
            assertThat(response.json().get("code").asString()).isEqualTo("INVALID_INPUT");
            assertThat(response.json().at("/errors/0/field").asString()).isEqualTo(query.getValue());
        }
    }
}
