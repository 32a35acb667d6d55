package io.rescind.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Test data through the public API, as a client would make it. */
public final class Fixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * A second tenant beside the one the application makes at start-up, with an operator of its
     * own. There is no API to make tenants, so it is written in SQL, once per test JVM.
     */
    public static final Tenant OTHER_TENANT = new Tenant(
            UUID.fromString("7e000000-0000-0000-0000-00000000000b"),
            UUID.fromString("7e000000-0000-0000-0000-0000000000b0"),
            "rk_test_operator_key_of_the_second_tenant");

    private final Api api;
    private final JdbcClient jdbc;
    private final String operatorKey;

    /** Fixtures for a Rescind of another process (no database at hand): the default tenant only. */
    public Fixtures(Api api) {
        this(api, null, ApiTest.OPERATOR_KEY);
    }

    Fixtures(Api api, JdbcClient jdbc) {
        this(api, jdbc, ApiTest.OPERATOR_KEY);
    }

    private Fixtures(Api api, JdbcClient jdbc, String operatorKey) {
        this.api = api;
        this.jdbc = jdbc;
        this.operatorKey = operatorKey;
    }

    public record Party(UUID id, String key) {}

    /** A tenant and the key of its operator. */
    public record Tenant(UUID id, UUID operatorId, String operatorKey) {}

    /** The same fixtures, made by the operator of {@code tenant} and so inside it. */
    public Fixtures in(Tenant tenant) {
        create(tenant);
        return new Fixtures(api, jdbc, tenant.operatorKey());
    }

    private void create(Tenant tenant) {
        jdbc.sql("insert into tenants (tenant_id, name) values (:tenant, 'second') on conflict do nothing")
                .param("tenant", tenant.id())
                .update();
        jdbc.sql("""
                        insert into parties (tenant_id, party_id, name, role)
                        values (:tenant, :party, 'Operator of the second tenant', 'OPERATOR')
                        on conflict do nothing""")
                .param("tenant", tenant.id())
                .param("party", tenant.operatorId())
                .update();
        jdbc.sql("""
                        insert into api_keys (tenant_id, key_id, party_id, key_hash)
                        values (:tenant, :party, :party, :hash)
                        on conflict do nothing""")
                .param("tenant", tenant.id())
                .param("party", tenant.operatorId())
                .param("hash", sha256(tenant.operatorKey()))
                .update();
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A buyer and a seller that trade with each other, and with nobody else yet. */
    public record Trade(Party buyer, Party seller) {}

    public Party party(String role) {
        return party(role, role + " " + SEQUENCE.incrementAndGet());
    }

    /** A party of this fixture's tenant with the name given (names need not be unique). */
    public Party party(String role, String name) {
        var response = api.post("/api/v1/parties", operatorKey, Map.of("name", name, "role", role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var body = response.json();
        return new Party(
                UUID.fromString(body.at("/party/id").asString()),
                body.get("apiKey").asString());
    }

    public Trade trade() {
        return new Trade(party("BUYER"), party("SELLER"));
    }

    /** A buyer and a seller with these names. */
    public Trade trade(String buyerName, String sellerName) {
        return new Trade(party("BUYER", buyerName), party("SELLER", sellerName));
    }

    /** The key of this fixture's tenant's operator. */
    public String operatorKey() {
        return operatorKey;
    }

    public OrderBuilder anOrder(Trade trade) {
        return new OrderBuilder(trade);
    }

    public static String uniqueNumber() {
        return "PO-" + UUID.randomUUID();
    }

    public final class OrderBuilder {
        private final Trade trade;
        private final List<Map<String, Object>> lines = new ArrayList<>();
        private String currency = "EUR";
        private String number = uniqueNumber();

        private OrderBuilder(Trade trade) {
            this.trade = trade;
        }

        public OrderBuilder inCurrency(String code) {
            currency = code;
            return this;
        }

        public OrderBuilder numbered(String orderNumber) {
            number = orderNumber;
            return this;
        }

        public OrderBuilder withLine(long quantity, String unitPrice) {
            return withLine(quantity, unitPrice, Map.of());
        }

        /** A line with extra fields (taxes, shippingPrice, position ...). */
        public OrderBuilder withLine(long quantity, String unitPrice, Map<String, Object> extra) {
            var line = new LinkedHashMap<String, Object>();
            line.put("productId", "SKU-" + (lines.size() + 1));
            line.put("description", "Item " + (lines.size() + 1));
            line.put("quantity", quantity);
            line.put("unitPrice", new java.math.BigDecimal(unitPrice));
            line.putAll(extra);
            lines.add(line);
            return this;
        }

        public Map<String, Object> body() {
            return Map.of("orderNumber", number, "sellerId", trade.seller().id(), "currency", currency, "lines", lines);
        }

        /** Places the order as the buyer and returns it as the API shows it. */
        public JsonNode place() {
            var response = api.post("/api/v1/orders", trade.buyer().key(), body());
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            return response.json();
        }
    }
}
