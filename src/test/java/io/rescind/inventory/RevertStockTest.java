package io.rescind.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures.Trade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Reverting a cancel takes back from stock exactly what the cancel gave to it. */
class RevertStockTest extends ApiTest {

    @Test
    void aRevertTakesBackWhatTheCancelRestockedAndNothingMore() {
        var trade = given.trade();
        stock(trade, "SKU-1", 10);
        stock(trade, "SKU-2", 5);
        var order = given.anOrder(trade)
                .withLine(3, "4.00", Map.of("position", "A"))
                .withLine(2, "4.00", Map.of("position", "B"))
                .place();
        var id = order.get("id").asString();
        cancel(trade, id, Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A"))));
        cancel(
                trade,
                id,
                Map.of("reason", "BUYER_CANCELLED", "restock", false, "lines", List.of(Map.of("position", "B"))));
        assertThat(available(trade, "SKU-1")).isEqualTo(13);
        assertThat(available(trade, "SKU-2")).isEqualTo(5);

        var reverted = revert(trade, id, List.of("A", "B"));

        assertThat(reverted.status()).as(reverted.toString()).isEqualTo(200);
        assertThat(available(trade, "SKU-1")).isEqualTo(10);
        assertThat(available(trade, "SKU-2")).isEqualTo(5);
        assertThat(lineStatuses(trade, id)).containsExactly("ISSUED", "ISSUED");
        assertThat(historyTypes(trade, id)).endsWith("cancellation.reverted");
        var adjustments = jdbc.sql("""
                        select payload::text from outbox
                        where order_id = cast(:order as uuid) and type = 'inventory.adjusted' order by position
                        """).param("order", id).query(String.class).list().stream()
                .map(text -> io.rescind.support.Api.JSON.readTree(text))
                .toList();
        assertThat(adjustments).hasSize(2);
        var takenBack = adjustments.getLast();
        assertThat(takenBack.get("cause").asString()).isEqualTo("cancellation-reverted");
        assertThat(takenBack.get("sku").asString()).isEqualTo("SKU-1");
        assertThat(takenBack.get("quantity").asLong()).isEqualTo(-3);
        assertThat(takenBack.get("available").asLong()).isEqualTo(10);
    }

    @Test
    void partialCancelsAreTakenBackTogetherAndACancelAfterARevertRestocksAnew() {
        var trade = given.trade();
        stock(trade, "SKU-1", 0);
        var id = given.anOrder(trade)
                .withLine(3, "4.00", Map.of("position", "A"))
                .place()
                .get("id")
                .asString();
        cancel(
                trade,
                id,
                Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A", "quantity", 1))));
        cancel(
                trade,
                id,
                Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A", "quantity", 2))));
        assertThat(available(trade, "SKU-1")).isEqualTo(3);

        assertThat(revert(trade, id, List.of("A")).status()).isEqualTo(200);
        assertThat(available(trade, "SKU-1")).isZero();

        cancel(trade, id, Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A"))));
        assertThat(available(trade, "SKU-1")).isEqualTo(3);
        assertThat(revert(trade, id, List.of("A")).status()).isEqualTo(200);
        assertThat(available(trade, "SKU-1")).isZero();
    }

    @Test
    void aRevertIsRefusedWhenTheRestockedUnitsHaveBeenSoldSince() {
        var trade = given.trade();
        stock(trade, "SKU-1", 0);
        var id = given.anOrder(trade)
                .withLine(3, "4.00", Map.of("position", "A"))
                .place()
                .get("id")
                .asString();
        cancel(trade, id, Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A"))));
        // Two of the three units given back were sold to someone else.
        stock(trade, "SKU-1", 1);
        var version = version(trade, id);

        var refused = revert(trade, id, List.of("A"));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).endsWith("/insufficient-stock");
        assertThat(refused.json().get("detail").asString()).contains("SKU-1").contains("only 1");
        assertThat(lineStatuses(trade, id)).containsExactly("CANCELLED");
        assertThat(version(trade, id)).isEqualTo(version);
        assertThat(available(trade, "SKU-1")).isEqualTo(1);
        assertThat(historyTypes(trade, id)).doesNotContain("cancellation.reverted");

        // Restocked by the seller, the same revert goes through.
        stock(trade, "SKU-1", 3);
        assertThat(revert(trade, id, List.of("A")).status()).isEqualTo(200);
        assertThat(available(trade, "SKU-1")).isZero();
    }

    @Test
    void aSkuTheSellerDoesNotTrackIsLeftAlone() {
        var trade = given.trade();
        var id = given.anOrder(trade)
                .withLine(3, "4.00", Map.of("position", "A"))
                .place()
                .get("id")
                .asString();
        cancel(trade, id, Map.of("reason", "BUYER_CANCELLED", "lines", List.of(Map.of("position", "A"))));

        assertThat(revert(trade, id, List.of("A")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/inventory/SKU-1", trade.seller().key()).status())
                .isEqualTo(404);
    }

    private void stock(Trade trade, String sku, long available) {
        var response = api.put("/api/v1/inventory/" + sku, trade.seller().key(), Map.of("available", available));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private long available(Trade trade, String sku) {
        return api.get("/api/v1/inventory/" + sku, trade.seller().key())
                .json()
                .get("available")
                .asLong();
    }

    private void cancel(Trade trade, String id, Map<String, Object> body) {
        var response = api.post(
                "/api/v1/orders/" + id + "/cancellations", trade.buyer().key(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private io.rescind.support.Api.Response revert(Trade trade, String id, List<String> positions) {
        return api.post(
                "/api/v1/orders/" + id + "/revert-cancellation",
                trade.buyer().key(),
                Map.of("positions", positions, "reason", "by mistake", "version", version(trade, id)));
    }

    private long version(Trade trade, String id) {
        return order(trade, id).get("version").asLong();
    }

    private JsonNode order(Trade trade, String id) {
        return api.get("/api/v1/orders/" + id, trade.buyer().key()).json();
    }

    private List<String> lineStatuses(Trade trade, String id) {
        return order(trade, id)
                .get("lines")
                .valueStream()
                .map(l -> l.get("status").asString())
                .toList();
    }

    private List<String> historyTypes(Trade trade, String id) {
        return api.get("/api/v1/orders/" + id + "/history", trade.buyer().key())
                .json()
                .valueStream()
                .map(e -> e.get("type").asString())
                .toList();
    }
}
