package io.rescind.support;

import io.rescind.orders.Amounts;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Order lines for tests of the domain, without a database. */
public final class Lines {

    private Lines() {}

    /** A line of {@code quantity} units at {@code unitPrice}, with one tax and shipping. */
    public static OrderLine aLine(long quantity, String unitPrice, String tax, String shipping, LineStatus status) {
        var unit = new BigDecimal(unitPrice);
        var totals = new Amounts(
                unit.multiply(BigDecimal.valueOf(quantity)),
                new BigDecimal(shipping),
                List.of(new Amounts.Tax("VAT", new BigDecimal(tax))),
                List.of(new Amounts.Tax(
                        "VAT",
                        new BigDecimal(shipping)
                                .multiply(new BigDecimal("0.2"))
                                .setScale(2, java.math.RoundingMode.HALF_EVEN))));
        return new OrderLine(
                UUID.randomUUID(),
                1,
                "0001",
                "SKU",
                "thing",
                quantity,
                0,
                0,
                0,
                unit,
                totals,
                totals.zeroed(),
                status,
                null,
                0);
    }

    public static OrderLine aLine(long quantity, LineStatus status) {
        return aLine(quantity, "9.99", "3.33", "4.95", status);
    }
}
