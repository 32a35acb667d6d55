package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Mirakl client names orders and lines by Mirakl's ids, as in Mirakl's own OpenAPI examples
 * ({@code 0024_COMMERCIAL_ID-A}, its line {@code 0024_COMMERCIAL_ID-A-1}); Rescind resolves them
 * through the order's {@code mirakl} references and answers with them.
 */
class MiraklReferencesTest extends ApiTest {

    @Test
    void anOrderPlacedWithMiraklsIdsIsCancelledAndShownByThem() {
        var trade = given.trade();
        var placed = api.post(
                "/api/v1/orders",
                trade.buyer().key(),
                Map.of(
                        "orderNumber", Fixtures.uniqueNumber(),
                        "sellerId", trade.seller().id(),
                        "currency", "EUR",
                        "references", Map.of("mirakl", "0024_COMMERCIAL_ID-A"),
                        "lines",
                                List.of(
                                        Map.of(
                                                "productId",
                                                "SKU-A",
                                                "quantity",
                                                3,
                                                "unitPrice",
                                                10,
                                                "references",
                                                Map.of("mirakl", "0024_COMMERCIAL_ID-A-1")),
                                        Map.of("productId", "SKU-B", "quantity", 1, "unitPrice", 4))));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        var entry = Map.of(
                "order_line_id",
                "0024_COMMERCIAL_ID-A-1",
                "quantity",
                2,
                "reason",
                "OUT_OF_STOCK",
                "price",
                Map.of("amount", 20, "currency", "EUR"),
                "shipping_price",
                Map.of("amount", 0, "currency", "EUR"));

        var accepted = MiraklCancelTest.checked(
                "POST",
                "/v2/orders/0024_COMMERCIAL_ID-A/cancel",
                api.post(
                        "/v2/orders/0024_COMMERCIAL_ID-A/cancel",
                        trade.seller().key(),
                        Map.of("cancelations", List.of(entry))));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        var actionId = accepted.json().get("action_id").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> api.get(
                                        "/v2/orders/actions/" + actionId,
                                        trade.seller().key())
                                .json()
                                .get("status")
                                .asString(),
                        status -> status.equals("SUCCESS"));
        var canonical = api.get(
                        "/api/v1/orders/" + placed.json().get("id").asString(),
                        trade.buyer().key())
                .json();
        assertThat(canonical.at("/lines/0/cancelledQuantity").asLong()).isEqualTo(2);
        assertThat(canonical.at("/lines/1/cancelledQuantity").asLong()).isZero();

        var listed = MiraklCancelTest.checked(
                "GET",
                "/v2/orders",
                api.get(
                        "/v2/orders?order_ids=0024_COMMERCIAL_ID-A",
                        trade.seller().key()));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        var order = listed.json().at("/data/0");
        assertThat(order.get("id").asString()).isEqualTo("0024_COMMERCIAL_ID-A");
        assertThat(order.at("/order_lines/0/id").asString()).isEqualTo("0024_COMMERCIAL_ID-A-1");
        assertThat(order.at("/order_lines/1/id").asString())
                .as("a line without a Mirakl id keeps Rescind's")
                .isEqualTo(canonical.at("/lines/1/id").asString());
    }
}
