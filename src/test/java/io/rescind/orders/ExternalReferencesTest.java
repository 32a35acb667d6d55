package io.rescind.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Orders and lines carry other systems' identifiers, one per channel, and are found by them. */
class ExternalReferencesTest extends ApiTest {

    private Map<String, Object> order(Fixtures.Trade trade, String erpId, String lineErpId) {
        return Map.of(
                "orderNumber", Fixtures.uniqueNumber(),
                "sellerId", trade.seller().id(),
                "currency", "EUR",
                "references", Map.of("erp", erpId),
                "lines",
                        List.of(Map.of(
                                "productId",
                                "SKU-1",
                                "quantity",
                                2,
                                "unitPrice",
                                5,
                                "references",
                                Map.of("erp", lineErpId))));
    }

    @Test
    void anOrderIsPlacedWithReferencesShowsThemAndIsFoundByThem() {
        var trade = given.trade();
        var erpId = "SO-" + UUID.randomUUID();

        var placed = api.post("/api/v1/orders", trade.buyer().key(), order(trade, erpId, "10"));

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().at("/references/erp").asString()).isEqualTo(erpId);
        assertThat(placed.json().at("/lines/0/references/erp").asString()).isEqualTo("10");
        var found = api.get(
                "/api/v1/orders/by-reference/erp/" + erpId, trade.seller().key());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("id")).isEqualTo(placed.json().get("id"));
        assertThat(api.get(
                                "/api/v1/orders/" + placed.json().get("id").asString(),
                                trade.buyer().key())
                        .json()
                        .at("/lines/0/references/erp")
                        .asString())
                .isEqualTo("10");
        assertThat(api.get(
                                "/api/v1/orders/by-reference/erp/" + erpId,
                                given.trade().buyer().key())
                        .status())
                .as("a party outside the order")
                .isEqualTo(404);
        assertThat(api.get(
                                "/api/v1/orders/by-reference/mirakl/" + erpId,
                                trade.buyer().key())
                        .status())
                .as("the same id in another channel names nothing")
                .isEqualTo(404);
    }

    @Test
    void aReferenceIsUsedOnceInAChannelAndLineReferencesOncePerOrder() {
        var trade = given.trade();
        var erpId = "SO-" + UUID.randomUUID();
        assertThat(api.post("/api/v1/orders", trade.buyer().key(), order(trade, erpId, "10"))
                        .status())
                .isEqualTo(201);
        long orders = count();

        var taken = api.post("/api/v1/orders", trade.buyer().key(), order(trade, erpId, "10"));
        var sameLineIdOtherOrder =
                api.post("/api/v1/orders", trade.buyer().key(), order(trade, "SO-" + UUID.randomUUID(), "10"));

        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("/problems/reference-taken");
        assertThat(taken.json().get("detail").asString()).contains("erp:" + erpId);
        assertThat(sameLineIdOtherOrder.status()).isEqualTo(201);
        assertThat(count()).isEqualTo(orders + 1);
    }

    @Test
    void badReferencesAreRefusedNamingTheFieldAndWriteNothing() {
        var trade = given.trade();
        long orders = count();
        for (var references : List.<Map<String, Object>>of(
                Map.of("ERP", "1"), Map.of("erp", ""), Map.of("erp", " padded "), Map.of("erp", "x".repeat(201)))) {
            var body = new java.util.HashMap<>(order(trade, "unused", "1"));
            body.put("references", references);
            var refused = api.post("/api/v1/orders", trade.buyer().key(), body);
            assertThat(refused.status()).as(references.toString()).isEqualTo(400);
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-reference");
            assertThat(refused.json().get("detail").asString()).startsWith("references");
        }
        assertThat(count()).isEqualTo(orders);
    }

    private long count() {
        return jdbc.sql("select count(*) from purchase_orders")
                .query(Long.class)
                .single();
    }
}
