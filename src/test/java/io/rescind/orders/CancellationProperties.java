package io.rescind.orders;

import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.parties.PartyRole;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** What must hold for any line and any sequence of partial cancels. */
class CancellationProperties {

    @Property
    void cancelledNeverExceedsOrdered(
            @ForAll @LongRange(min = 1, max = 1_000) long ordered,
            @ForAll @IntRange(min = 0, max = 1_000) int shipped,
            @ForAll @Size(max = 40) List<@LongRange(min = 1, max = 400) Long> requests) {
        var line = aLine(ordered, LineStatus.CONFIRMED);
        if (shipped > 0 && shipped <= ordered) {
            line = line.ship(shipped);
        }
        for (var requested : requests) {
            line = cancelIfAllowed(line, requested);
            assertThat(line.cancelledQuantity() + line.shippedQuantity()).isLessThanOrEqualTo(line.quantity());
            assertThat(line.openQuantity()).isNotNegative();
        }
    }

    @Property
    void amountsNeverExceedTotalsAndAddUpExactlyWhenAllIsCancelled(
            @ForAll @LongRange(min = 1, max = 500) long ordered,
            @ForAll("money") BigDecimal unitPrice,
            @ForAll("money") BigDecimal tax,
            @ForAll("money") BigDecimal shipping,
            @ForAll @Size(max = 60) List<@LongRange(min = 1, max = 50) Long> requests) {
        var line = aLine(
                ordered, unitPrice.toPlainString(), tax.toPlainString(), shipping.toPlainString(), LineStatus.ISSUED);
        for (var requested : requests) {
            line = cancelIfAllowed(line, requested);
            assertThat(line.cancelled().fitsWithin(line.totals())).isTrue();
            assertThat(line.cancelled().all(amount -> amount.signum() >= 0)).isTrue();
        }
        line = cancelIfAllowed(line, null);
        assertThat(line.cancelledQuantity()).isEqualTo(ordered);
        assertThat(line.cancelled()).isEqualTo(line.totals());
    }

    @Provide
    Arbitrary<BigDecimal> money() {
        return Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("99999.99"))
                .ofScale(2);
    }

    private static OrderLine cancelIfAllowed(OrderLine line, Long requested) {
        return switch (CancellationPolicy.DEFAULT.decide(line, PartyRole.BUYER, requested)) {
            case Decision.Allowed allowed ->
                line.cancel(allowed.quantity(), Proration.prorate(line, allowed.quantity()));
            case Decision.NeedsApproval pending -> throw new AssertionError("the default policy needs no approval");
            case Decision.Refused refused -> line;
        };
    }
}
