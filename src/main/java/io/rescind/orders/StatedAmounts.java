package io.rescind.orders;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The money a cancel takes: prorated, with any part the client stated checked and used instead. */
final class StatedAmounts {

    private StatedAmounts() {}

    sealed interface Pricing {}

    record Priced(Amounts amounts) implements Pricing {}

    record Unpriced(RefusalReason reason, String detail) implements Pricing {}

    static Pricing price(PurchaseOrder order, OrderLine line, long units, CancelLines.RequestedAmounts requested) {
        var prorated = Proration.prorate(line, units);
        if (requested == null) {
            return new Priced(prorated);
        }
        if (requested.currency() != null && !requested.currency().equals(order.currency())) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "currency-mismatch",
                    "Amounts are in %s but the order is in %s".formatted(requested.currency(), order.currency()));
        }
        int scale = order.scale();
        var stated = new Amounts(
                requested.price() == null ? prorated.price() : Money.exact(requested.price(), scale, "price"),
                requested.shippingPrice() == null
                        ? prorated.shippingPrice()
                        : Money.exact(requested.shippingPrice(), scale, "shippingPrice"),
                merge(prorated.taxes(), requested.taxes(), scale),
                merge(prorated.shippingTaxes(), requested.shippingTaxes(), scale));
        var unknown = unknownCodes(prorated.taxes(), requested.taxes());
        unknown.addAll(unknownCodes(prorated.shippingTaxes(), requested.shippingTaxes()));
        if (!unknown.isEmpty()) {
            return new Unpriced(
                    RefusalReason.UNKNOWN_TAX_CODE,
                    "Line %d has no tax %s".formatted(line.number(), String.join(", ", unknown)));
        }
        var remaining = line.remaining();
        if (!stated.fitsWithin(remaining)) {
            return new Unpriced(
                    RefusalReason.AMOUNT_EXCEEDS_REMAINING,
                    "Line %d has %s left to cancel in total"
                            .formatted(line.number(), remaining.total().toPlainString()));
        }
        return new Priced(stated);
    }

    private static List<Amounts.Tax> merge(List<Amounts.Tax> prorated, List<Amounts.Tax> requested, int scale) {
        if (requested == null) {
            return prorated;
        }
        Map<String, BigDecimal> stated =
                requested.stream().collect(Collectors.toMap(Amounts.Tax::code, Amounts.Tax::amount, (a, b) -> b));
        return prorated.stream()
                .map(tax -> stated.containsKey(tax.code())
                        ? new Amounts.Tax(tax.code(), Money.exact(stated.get(tax.code()), scale, "taxes"))
                        : tax)
                .toList();
    }

    private static List<String> unknownCodes(List<Amounts.Tax> known, List<Amounts.Tax> requested) {
        if (requested == null) {
            return new ArrayList<>();
        }
        var codes = known.stream().map(Amounts.Tax::code).collect(Collectors.toSet());
        return requested.stream()
                .map(Amounts.Tax::code)
                .filter(code -> !codes.contains(code))
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
