package io.rescind.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Test data through the public API, as a client would make it. */
public final class Fixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Api api;

    public Fixtures(Api api) {
        this.api = api;
    }

    public record Party(UUID id, String key) {}

    /** A buyer and a seller that trade with each other, and with nobody else yet. */
    public record Trade(Party buyer, Party seller) {}

    public Party party(String role) {
        var response = api.post(
                "/api/v1/parties",
                ApiTest.OPERATOR_KEY,
                Map.of("name", role + " " + SEQUENCE.incrementAndGet(), "role", role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        var body = response.json();
        return new Party(
                UUID.fromString(body.at("/party/id").asString()),
                body.get("apiKey").asString());
    }

    public Trade trade() {
        return new Trade(party("BUYER"), party("SELLER"));
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
