package io.rescind.orders;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

/** Amounts of an ISO 4217 currency: exact at the currency's minor unit, never rounded silently. */
public final class Money {

    private Money() {}

    /** The number of minor-unit digits of an ISO 4217 currency. */
    public static int scaleOf(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            if (digits >= 0) {
                return digits;
            }
        } catch (IllegalArgumentException | NullPointerException unknown) {
            // falls through to the refusal
        }
        throw new RescindException(
                Kind.UNPROCESSABLE, "invalid-currency", "'%s' is not an ISO 4217 currency".formatted(currency));
    }

    /** An amount at the currency's scale; more digits than the currency has is an error, not a rounding. */
    public static BigDecimal exact(BigDecimal amount, int scale, String field) {
        if (amount.signum() < 0) {
            throw new RescindException(
                    Kind.UNPROCESSABLE, "invalid-amount", field + " must not be negative", Map.of("field", field));
        }
        try {
            return amount.setScale(scale);
        } catch (ArithmeticException tooPrecise) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "invalid-amount",
                    "%s %s has more decimals than the currency's %d".formatted(field, amount.toPlainString(), scale),
                    Map.of("field", field));
        }
    }
}
