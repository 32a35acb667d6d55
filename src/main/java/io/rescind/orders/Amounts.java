package io.rescind.orders;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * The money of a line, or of part of it: item price, shipping price, and the taxes on each,
 * by tax code. Exact decimals in the order's currency.
 */
public record Amounts(BigDecimal price, BigDecimal shippingPrice, List<Tax> taxes, List<Tax> shippingTaxes) {

    public record Tax(
            @NotBlank @Size(max = 50) String code,

            @NotNull @DecimalMin("0") @Digits(integer = 13, fraction = 4)
            BigDecimal amount) {}

    public Amounts {
        taxes = List.copyOf(taxes);
        shippingTaxes = List.copyOf(shippingTaxes);
    }

    /** The same tax codes, every amount zero. */
    public Amounts zeroed() {
        return map(amount -> BigDecimal.ZERO.setScale(amount.scale()));
    }

    public Amounts plus(Amounts other) {
        return combine(other, BigDecimal::add);
    }

    public Amounts minus(Amounts other) {
        return combine(other, BigDecimal::subtract);
    }

    public Amounts map(UnaryOperator<BigDecimal> f) {
        return new Amounts(
                f.apply(price),
                f.apply(shippingPrice),
                taxes.stream().map(t -> new Tax(t.code(), f.apply(t.amount()))).toList(),
                shippingTaxes.stream()
                        .map(t -> new Tax(t.code(), f.apply(t.amount())))
                        .toList());
    }

    /** Every amount of this is at most the matching amount of {@code limit}. */
    public boolean fitsWithin(Amounts limit) {
        var rest = limit.minus(this);
        return rest.all(amount -> amount.signum() >= 0);
    }

    public boolean all(java.util.function.Predicate<BigDecimal> test) {
        return test.test(price)
                && test.test(shippingPrice)
                && taxes.stream().allMatch(t -> test.test(t.amount()))
                && shippingTaxes.stream().allMatch(t -> test.test(t.amount()));
    }

    public BigDecimal total() {
        var sum = price.add(shippingPrice);
        for (var tax : taxes) {
            sum = sum.add(tax.amount());
        }
        for (var tax : shippingTaxes) {
            sum = sum.add(tax.amount());
        }
        return sum;
    }

    private Amounts combine(Amounts other, BinaryOperator<BigDecimal> op) {
        return new Amounts(
                op.apply(price, other.price),
                op.apply(shippingPrice, other.shippingPrice),
                combine(taxes, other.taxes, op),
                combine(shippingTaxes, other.shippingTaxes, op));
    }

    private static List<Tax> combine(List<Tax> left, List<Tax> right, BinaryOperator<BigDecimal> op) {
        Map<String, BigDecimal> byCode = new LinkedHashMap<>();
        left.forEach(t -> byCode.put(t.code(), t.amount()));
        for (var t : right) {
            var mine = byCode.get(t.code());
            if (mine == null) {
                throw new IllegalArgumentException("No tax " + t.code() + " on this line");
            }
            byCode.put(t.code(), op.apply(mine, t.amount()));
        }
        var result = new ArrayList<Tax>(byCode.size());
        byCode.forEach((code, amount) -> result.add(new Tax(code, amount)));
        return result;
    }
}
