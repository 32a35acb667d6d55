package io.rescind.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Purchase orders for tests of the aggregate, without a database: {@code anOrder().withLine(...)}. */
final class OrderBuilder {

    static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID BUYER = UUID.fromString("00000000-0000-0000-0000-0000000000b1");
    static final UUID SELLER = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    private final List<OrderLine> lines = new ArrayList<>();
    private String currency = "EUR";

    private OrderBuilder() {}

    static OrderBuilder anOrder() {
        return new OrderBuilder();
    }

    OrderBuilder in(String currencyCode) {
        this.currency = currencyCode;
        return this;
    }

    /** A line of {@code quantity} units at {@code unitPrice}, no tax, no shipping. */
    OrderBuilder withLine(long quantity, String unitPrice, LineStatus status) {
        return withLine(quantity, unitPrice, "0", "0", status);
    }

    /** A line with a VAT amount and a shipping price (its shipping tax 20% of it). */
    OrderBuilder withLine(long quantity, String unitPrice, String vat, String shipping, LineStatus status) {
        int scale = Money.scaleOf(currency);
        int number = lines.size() + 1;
        var unit = new BigDecimal(unitPrice).setScale(scale);
        var shippingPrice = new BigDecimal(shipping).setScale(scale);
        var totals = new Amounts(
                unit.multiply(BigDecimal.valueOf(quantity)),
                shippingPrice,
                List.of(new Amounts.Tax("VAT", new BigDecimal(vat).setScale(scale))),
                List.of(new Amounts.Tax(
                        "VAT",
                        shippingPrice
                                .multiply(new BigDecimal("0.2"))
                                .setScale(scale, java.math.RoundingMode.HALF_EVEN))));
        lines.add(new OrderLine(
                new UUID(0, number),
                number,
                "%04d".formatted(number),
                "SKU-" + number,
                "item " + number,
                quantity,
                0,
                0,
                0,
                unit,
                totals,
                totals.zeroed(),
                status,
                null,
                0));
        return this;
    }

    /** Ships {@code units} of the last line added. */
    OrderBuilder shipped(long units) {
        var last = lines.removeLast();
        lines.add(last.ship(units));
        return this;
    }

    PurchaseOrder build() {
        var now = Instant.parse("2026-11-29T10:00:00Z");
        return new PurchaseOrder(
                TENANT,
                new UUID(1, 1),
                1,
                "PO-1",
                BUYER,
                SELLER,
                currency,
                now,
                now,
                0,
                lines,
                PurchaseOrder.Unsaved.NONE);
    }
}
