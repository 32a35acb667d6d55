package io.rescind.parties;

import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The administrator creates tenants through the API; each tenant's operator takes it from there. */
class TenantAdministrationTest extends ApiTest {

    private static final String TENANTS = "/api/v1/admin/tenants";

    @Test
    void theAdministratorCreatesATenantWhoseOperatorRunsItAlone() {
        var name = "Acme " + UUID.randomUUID();

        var created = api.post(TENANTS, ADMIN_KEY, Map.of("name", name, "operatorName", "Acme ops"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var tenantId = created.json().at("/tenant/id").asString();
        assertThat(created.header("Location")).isEqualTo(TENANTS + "/" + tenantId);
        assertThat(created.json().at("/tenant/name").asString()).isEqualTo(name);
        var operatorKey = created.json().get("apiKey").asString();
        var me = api.get("/api/v1/me", operatorKey);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.json().get("role").asString()).isEqualTo("OPERATOR");
        assertThat(me.json().get("name").asString()).isEqualTo("Acme ops");
        assertThat(api.get(TENANTS + "/" + tenantId, ADMIN_KEY)
                        .json()
                        .get("name")
                        .asString())
                .isEqualTo(name);
        assertThat(api.get(TENANTS, ADMIN_KEY)
                        .json()
                        .valueStream()
                        .map(t -> t.get("id").asString()))
                .contains(tenantId);

        // The new tenant's operator makes its own parties; they trade inside the new tenant only.
        var buyer = party(operatorKey, "BUYER");
        var seller = party(operatorKey, "SELLER");
        var order = api.post(
                "/api/v1/orders",
                buyer.get("apiKey").asString(),
                Map.of(
                        "orderNumber",
                        "PO-1",
                        "sellerId",
                        seller.at("/party/id").asString(),
                        "currency",
                        "EUR",
                        "lines",
                        List.of(Map.of("productId", "SKU-1", "quantity", 2, "unitPrice", 5))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        var orderId = order.json().get("id").asString();
        assertThat(order.json().get("number").asLong())
                .as("numbers count per tenant")
                .isEqualTo(1);
        assertThat(api.get("/api/v1/orders/" + orderId, operatorKey).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/orders/" + orderId, OPERATOR_KEY).status())
                .as("another tenant's operator")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/parties", operatorKey).json()).hasSize(3);
    }

    @Test
    void onlyTheAdministratorKeyOpensTheAdministrationApi() {
        for (var key : new String[] {null, "rk_not_the_administrator_key_at_all_no", OPERATOR_KEY}) {
            var refused = api.post(TENANTS, key, Map.of("name", "Sneaky " + UUID.randomUUID()));
            assertThat(refused.status()).as(String.valueOf(key)).isEqualTo(401);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/unauthenticated");
        }
        assertThat(api.get(TENANTS, OPERATOR_KEY).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/parties", ADMIN_KEY).status())
                .as("the administrator is no party of any tenant")
                .isEqualTo(401);
    }

    @Test
    void aTakenOrBlankNameIsRefusedAndCreatesNothing() {
        var name = "Twice " + UUID.randomUUID();
        assertThat(api.post(TENANTS, ADMIN_KEY, Map.of("name", name)).status()).isEqualTo(201);
        long tenants = count();

        var taken = api.post(TENANTS, ADMIN_KEY, Map.of("name", name.toUpperCase()));
        var blank = api.post(TENANTS, ADMIN_KEY, Map.of("name", "  "));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asString()).isEqualTo("/problems/tenant-name-taken");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(count()).isEqualTo(tenants);
        assertThat(api.get(TENANTS + "/" + UUID.randomUUID(), ADMIN_KEY).status())
                .isEqualTo(404);
    }

    private tools.jackson.databind.JsonNode party(String operatorKey, String role) {
        var response = api.post("/api/v1/parties", operatorKey, Map.of("name", "Acme " + role, "role", role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private long count() {
        return jdbc.sql("select count(*) from tenants").query(Long.class).single();
    }
}
