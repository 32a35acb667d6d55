package io.rescind.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Splits a line's money over the units being cancelled. Each part is prorated from what remains
 * over the units not yet cancelled, rounded half-even to the currency's minor unit; cancelling the
 * last of those units takes exactly what remains. So the cancelled amounts of a line never exceed
 * its totals and, once every unit is cancelled, equal them to the cent.
 */
public final class Proration {

    private Proration() {}

    public static Amounts prorate(OrderLine line, long units) {
        long of = line.unitsNotCancelled();
        return line.remaining().map(remaining -> share(remaining, units, of));
    }

    static BigDecimal share(BigDecimal remaining, long units, long of) {
        if (units == of) {
            return remaining;
        }
        return remaining
                .multiply(BigDecimal.valueOf(units))
                .divide(BigDecimal.valueOf(of), remaining.scale(), RoundingMode.HALF_EVEN);
    }
}
