package io.rescind.dialects.tradecloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tradecloud names parties by account number ({@code 540830} in its SDK): a party registered with
 * that number as its {@code tradecloud} reference is found by it. Each test runs in a tenant of
 * its own, so the SDK's number means nothing in the tenant the other tests share.
 */
class TradecloudAccountNumbersTest extends ApiTest {

    /** A new tenant's operator key. */
    private String newTenant() {
        var created = api.post(
                "/api/v1/admin/tenants", ADMIN_KEY, Map.of("name", "Tradecloud " + java.util.UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("apiKey").asString();
    }

    private Fixtures.Party party(String operatorKey, String role) {
        var created = api.post("/api/v1/parties", operatorKey, Map.of("name", role, "role", role));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Fixtures.Party(
                java.util.UUID.fromString(created.json().at("/party/id").asString()),
                created.json().get("apiKey").asString());
    }

    @Test
    void anOrderNamesItsSupplierByTradecloudAccountNumber() {
        var operator = newTenant();
        var buyer = party(operator, "BUYER");
        var seller = api.post(
                "/api/v1/parties",
                operator,
                Map.of("name", "Supplier 540830", "role", "SELLER", "references", Map.of("tradecloud", "540830")));
        assertThat(seller.status()).as(seller.toString()).isEqualTo(201);
        assertThat(seller.json().at("/references/tradecloud").asString()).isEqualTo("540830");
        var number = Fixtures.uniqueNumber();
        var message = Map.of(
                "order",
                Map.of("supplierAccountNumber", "540830", "purchaseOrderNumber", number),
                "lines",
                List.of(Map.of(
                        "position",
                        "0001",
                        "item",
                        Map.of("number", "ITEM-1", "name", "Tube"),
                        "deliverySchedule",
                        List.of(Map.of("position", "0001", "date", "2026-12-01", "quantity", 4)),
                        "prices",
                        Map.of(
                                "netPrice",
                                Map.of("priceInTransactionCurrency", Map.of("value", 12.5, "currencyIso", "EUR")),
                                "priceUnitQuantity",
                                1))));

        var sent = api.request("POST", "/v2/api-connector/order")
                .header("Authorization", TradecloudMessages.basic(buyer))
                .json(message)
                .send();

        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        var orders = api.get("/api/v1/orders", buyer.key()).json().get("items");
        assertThat(orders).singleElement().satisfies(order -> {
            assertThat(order.get("orderNumber").asString()).isEqualTo(number);
            assertThat(order.get("sellerId").asString())
                    .isEqualTo(seller.json().at("/party/id").asString());
        });
    }

    @Test
    void anAccountNumberBelongsToOnePartyAndAnUnknownOneIsNotFound() {
        var operator = newTenant();
        var taken = api.post(
                "/api/v1/parties",
                operator,
                Map.of("name", "Twin", "role", "SELLER", "references", Map.of("tradecloud", "777001")));
        assertThat(taken.status()).isEqualTo(201);
        long parties =
                jdbc.sql("select count(*) from parties").query(Long.class).single();

        var again = api.post(
                "/api/v1/parties",
                operator,
                Map.of("name", "Twin 2", "role", "BUYER", "references", Map.of("tradecloud", "777001")));

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("/problems/reference-taken");
        assertThat(jdbc.sql("select count(*) from parties").query(Long.class).single())
                .isEqualTo(parties);
        var buyer = party(operator, "BUYER");
        var unknown = api.request("POST", "/v2/api-connector/order")
                .header("Authorization", TradecloudMessages.basic(buyer))
                .json(Map.of(
                        "order",
                        Map.of("supplierAccountNumber", "999999", "purchaseOrderNumber", "PO-X"),
                        "lines",
                        List.of()))
                .send();
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    }
}
