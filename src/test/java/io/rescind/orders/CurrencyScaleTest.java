package io.rescind.orders;

import static io.rescind.orders.OrderBuilder.BUYER;
import static io.rescind.orders.OrderBuilder.TENANT;
import static io.rescind.orders.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Proration in currencies of 0, 2 and 3 decimals, on exact ties: a share halfway between two
 * minor units goes to the even one (half-even), never always up nor always down.
 */
class CurrencyScaleTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Caller BUYER_CALLER = new Caller(TENANT, BUYER, PartyRole.BUYER);

    @ParameterizedTest(name = "{0}: {1} x {2}/{3} = {4}")
    @CsvSource({
        // currency, remaining, units, of, share
        "JPY, 10, 1, 4, 2", // 2.5 -> 2 (even below)
        "JPY, 30, 1, 4, 8", // 7.5 -> 8 (even above)
        "JPY, 5, 1, 2, 2", // 2.5 -> 2
        "JPY, 7, 1, 2, 4", // 3.5 -> 4
        "JPY, 10, 3, 4, 8", // 7.5 -> 8
        "JPY, 100, 1, 3, 33", // no tie: 33.33 -> 33
        "JPY, 200, 1, 3, 67", // no tie: 66.67 -> 67
        "EUR, 0.10, 1, 4, 0.02", // 0.025 -> 0.02
        "EUR, 0.30, 1, 4, 0.08", // 0.075 -> 0.08
        "EUR, 0.05, 1, 2, 0.02", // 0.025 -> 0.02
        "EUR, 0.15, 1, 2, 0.08", // 0.075 -> 0.08
        "EUR, 1.00, 1, 3, 0.33",
        "EUR, 2.00, 1, 3, 0.67",
        "KWD, 0.010, 1, 4, 0.002", // 0.0025 -> 0.002
        "KWD, 0.030, 1, 4, 0.008", // 0.0075 -> 0.008
        "BHD, 0.005, 1, 2, 0.002", // 0.0025 -> 0.002
        "BHD, 0.015, 1, 2, 0.008", // 0.0075 -> 0.008
        "BHD, 1.000, 2, 3, 0.667",
    })
    void aShareIsRoundedHalfEvenToTheCurrencysMinorUnit(
            String currency, String remaining, long units, long of, String share) {
        var amount = new BigDecimal(remaining).setScale(Money.scaleOf(currency));
        assertThat(Proration.share(amount, units, of)).isEqualTo(new BigDecimal(share));
    }

    @ParameterizedTest(name = "{0} has {1} decimals")
    @CsvSource({"JPY, 0", "KRW, 0", "EUR, 2", "USD, 2", "KWD, 3", "BHD, 3", "TND, 3"})
    void theScaleComesFromTheCurrency(String currency, int scale) {
        assertThat(Money.scaleOf(currency)).isEqualTo(scale);
        assertThat(anOrder().in(currency).build().scale()).isEqualTo(scale);
    }

    /** Tax, shipping and shipping tax each hit a tie; the price does not (a whole unit's price). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // currency, unit price, vat, shipping, vat share, shipping share, shipping-tax share
        "JPY, 100, 10, 30, 2, 8, 2", //   vat 2.5, shipping 7.5, shipping tax 6/4 = 1.5
        "EUR, 1.00, 0.10, 0.30, 0.02, 0.08, 0.02", // shipping tax 0.06/4 = 0.015
        "KWD, 1.000, 0.010, 0.030, 0.002, 0.008, 0.002", // shipping tax 0.006/4 = 0.0015
    })
    void oneOfFourUnitsCancelledThroughTheOrderTakesHalfEvenShares(
            String currency,
            String unitPrice,
            String vat,
            String shipping,
            String vatShare,
            String shippingShare,
            String shippingTaxShare) {
        var order = anOrder()
                .in(currency)
                .withLine(4, unitPrice, vat, shipping, LineStatus.ISSUED)
                .build();

        var result = order.cancel(cancelOf(1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);

        assertThat(result).isInstanceOf(CancelResult.Applied.class);
        var cancelled = result.order().lines().getFirst().cancelled();
        assertThat(cancelled.price()).isEqualTo(new BigDecimal(unitPrice));
        assertThat(cancelled.taxes().getFirst().amount()).isEqualTo(new BigDecimal(vatShare));
        assertThat(cancelled.shippingPrice()).isEqualTo(new BigDecimal(shippingShare));
        assertThat(cancelled.shippingTaxes().getFirst().amount()).isEqualTo(new BigDecimal(shippingTaxShare));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"JPY, 7, 3", "EUR, 0.07, 3", "KWD, 0.007, 3", "BHD, 0.001, 7"})
    void cancellingOneUnitAtATimeAddsUpExactlyToTheTotals(String currency, String vat, long quantity) {
        var order = anOrder()
                .in(currency)
                .withLine(quantity, "1", vat, vat, LineStatus.ISSUED)
                .build();
        for (long i = 0; i < quantity; i++) {
            var result = order.cancel(cancelOf(1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
            assertThat(result).isInstanceOf(CancelResult.Applied.class);
            order = result.order();
            var line = order.lines().getFirst();
            assertThat(line.cancelled().fitsWithin(line.totals())).isTrue();
            assertThat(line.cancelled().all(a -> a.scale() == Money.scaleOf(currency)))
                    .isTrue();
        }
        var line = order.lines().getFirst();
        assertThat(line.status()).isEqualTo(LineStatus.CANCELLED);
        assertThat(line.cancelled()).isEqualTo(line.totals());
    }

    @Test
    void theLastUnitTakesWhatRemainsEvenWhereRoundingWouldSayOtherwise() {
        // 0.05 over 2 units: the first takes 0.02 (tie to even), the last the remaining 0.03.
        var order =
                anOrder().withLine(2, "1.00", "0.05", "0", LineStatus.ISSUED).build();
        var first = order.cancel(cancelOf(1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW)
                .order();
        assertThat(first.lines().getFirst().cancelled().taxes().getFirst().amount())
                .isEqualTo(new BigDecimal("0.02"));
        var last = first.cancel(cancelOf(1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW)
                .order()
                .lines()
                .getFirst();
        assertThat(last.cancelled().taxes().getFirst().amount()).isEqualTo(new BigDecimal("0.05"));
    }

    private static CancelLines cancelOf(Long quantity) {
        return new CancelLines(
                new CancelLines.OrderRef.ById(new java.util.UUID(1, 1)),
                new CancelLines.Lines(List.of(new LineCancel(new LineRef.ByNumber(1), quantity, null))),
                CancelReason.CUSTOMER_REQUEST,
                null,
                null,
                true);
    }
}
