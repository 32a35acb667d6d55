package io.rescind.orders;

import static io.rescind.orders.OrderBuilder.BUYER;
import static io.rescind.orders.OrderBuilder.SELLER;
import static io.rescind.orders.OrderBuilder.TENANT;
import static io.rescind.orders.OrderBuilder.anOrder;
import static io.rescind.support.Lines.aLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.RescindException;
import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.orders.CancelLines.RequestedAmounts;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edges of the rules that mutation testing found unguarded: stated amounts (taxes, currencies,
 * unknown codes), what an accepted request cancels, negative money, versions, operators' reach.
 */
class RuleEdgesTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Caller BUYER_CALLER = new Caller(TENANT, BUYER, PartyRole.BUYER);

    private static final CancellationPolicy BUYER_NEEDS_APPROVAL = new CancellationPolicy(
            CancellationPolicy.DEFAULT.buyerMayCancel(),
            CancellationPolicy.DEFAULT.sellerMayCancel(),
            Set.of(LineStatus.ISSUED),
            Set.of(),
            Duration.ofHours(1),
            CancellationPolicy.OnExpiry.REJECT);

    private static CancelLines cancel(long quantity, RequestedAmounts amounts) {
        return new CancelLines(
                new CancelLines.OrderRef.ById(new java.util.UUID(1, 1)),
                new CancelLines.Lines(List.of(new LineCancel(new LineRef.ByNumber(1), quantity, amounts))),
                CancelReason.CUSTOMER_REQUEST,
                null,
                null,
                true);
    }

    private static PurchaseOrder order() {
        // 3 × 10.00, VAT 3.00, shipping 6.00 with 1.20 shipping VAT
        return anOrder().withLine(3, "10.00", "3.00", "6.00", LineStatus.ISSUED).build();
    }

    private static RequestedAmounts taxes(List<Amounts.Tax> taxes, List<Amounts.Tax> shippingTaxes) {
        return new RequestedAmounts(null, null, null, taxes, shippingTaxes);
    }

    private static Amounts.Tax vat(String amount) {
        return new Amounts.Tax("VAT", new BigDecimal(amount));
    }

    @Test
    void statedTaxesAndShippingTaxesAreUsedThePartsNotStatedProrated() {
        var result = order().cancel(
                        cancel(1, taxes(List.of(vat("0.90")), List.of(vat("0.30")))),
                        CancellationPolicy.DEFAULT,
                        BUYER_CALLER,
                        NOW);
        assertThat(result).isInstanceOf(CancelResult.Applied.class);
        var cancelled = result.order().lines().getFirst().cancelled();
        assertThat(cancelled.taxes()).containsExactly(vat("0.90"));
        assertThat(cancelled.shippingTaxes()).containsExactly(vat("0.30"));
        assertThat(cancelled.price()).isEqualTo(new BigDecimal("10.00"));
        assertThat(cancelled.shippingPrice()).isEqualTo(new BigDecimal("2.00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"taxes, GST", "shippingTaxes, HST"})
    void anUnknownTaxCodeRefusesTheLineNamingTheCode(String where, String code) {
        var unknown = List.of(new Amounts.Tax(code, BigDecimal.ONE));
        var amounts = where.equals("taxes") ? taxes(unknown, null) : taxes(null, unknown);
        var result = order().cancel(cancel(1, amounts), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
        assertThat(result).isInstanceOf(CancelResult.Refused.class);
        assertThat(result.cancellation().refusals()).singleElement().satisfies(refusal -> {
            assertThat(refusal.reason()).isEqualTo(RefusalReason.UNKNOWN_TAX_CODE);
            assertThat(refusal.detail()).contains(code);
        });
    }

    @Test
    void aStatedTaxBeyondWhatRemainsIsRefused() {
        var result = order().cancel(
                        cancel(1, taxes(null, List.of(vat("1.21")))), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
        assertThat(result.cancellation().refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RefusalReason.AMOUNT_EXCEEDS_REMAINING));
    }

    @Test
    void amountsInAnotherCurrencyAreAnErrorAndNoCurrencyMeansTheOrders() {
        var usd = new RequestedAmounts("USD", new BigDecimal("1.00"), null, null, null);
        assertThatThrownBy(() -> order().cancel(cancel(1, usd), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW))
                .isInstanceOfSatisfying(
                        RescindException.class, e -> assertThat(e.code()).isEqualTo("currency-mismatch"));
        var unnamed = new RequestedAmounts(null, new BigDecimal("1.00"), null, null, null);
        var result = order().cancel(cancel(1, unnamed), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
        assertThat(result.order().lines().getFirst().cancelled().price()).isEqualTo(new BigDecimal("1.00"));
    }

    @Test
    void anAcceptedRequestCancelsTheAmountsItQuoted() {
        var stated = new RequestedAmounts("EUR", new BigDecimal("9.50"), null, null, null);
        var requested = order().cancel(cancel(1, stated), BUYER_NEEDS_APPROVAL, BUYER_CALLER, NOW);
        assertThat(requested).isInstanceOf(CancelResult.Requested.class);
        var accepted = requested
                .order()
                .conclude(requested.cancellation(), Cancellation.Status.ACCEPTED, SELLER, NOW.plusSeconds(1));
        var line = accepted.order().lines().getFirst();
        assertThat(line.cancelled().price()).isEqualTo(new BigDecimal("9.50"));
        assertThat(line.cancelledQuantity()).isEqualTo(1);
    }

    @Test
    void anAcceptedRequestForTheLastUnitsCancelsExactlyWhatRemains() {
        var stated = new RequestedAmounts("EUR", new BigDecimal("29.00"), null, null, null);
        var requested = order().cancel(cancel(3, stated), BUYER_NEEDS_APPROVAL, BUYER_CALLER, NOW);
        var accepted = requested
                .order()
                .conclude(requested.cancellation(), Cancellation.Status.ACCEPTED, SELLER, NOW.plusSeconds(1));
        var line = accepted.order().lines().getFirst();
        assertThat(line.status()).isEqualTo(LineStatus.CANCELLED);
        assertThat(line.cancelled()).isEqualTo(line.totals());
    }

    @Test
    void aQuoteThatNoLongerFitsIsProratedAgainOnAcceptance() {
        // The buyer asks 1 unit for 20.00 (fits then); the seller cancels one unit at 10.00 meanwhile,
        // and a stated 19.00 for another: 1.00 of the price remains, less than the quote.
        var quote = new RequestedAmounts("EUR", new BigDecimal("20.00"), null, null, null);
        var requested = order().cancel(cancel(1, quote), BUYER_NEEDS_APPROVAL, BUYER_CALLER, NOW);
        var seller = new Caller(TENANT, SELLER, PartyRole.SELLER);
        var meanwhile = requested
                .order()
                .cancel(
                        cancel(1, new RequestedAmounts(null, new BigDecimal("19.00"), null, null, null)),
                        BUYER_NEEDS_APPROVAL,
                        seller,
                        NOW);
        assertThat(meanwhile).isInstanceOf(CancelResult.Applied.class);
        var accepted = meanwhile
                .order()
                .conclude(requested.cancellation(), Cancellation.Status.ACCEPTED, SELLER, NOW.plusSeconds(1));
        var line = accepted.order().lines().getFirst();
        // prorated: 1 of the 2 units not cancelled, of the 11.00 left
        assertThat(line.cancelled().price()).isEqualTo(new BigDecimal("24.50"));
        assertThat(line.cancelled().fitsWithin(line.totals())).isTrue();
    }

    @Test
    void negativeMoneyIsNeverCancelled() {
        var line = aLine(3, "10.00", "3.00", "6.00", LineStatus.ISSUED);
        var negativeTax =
                new Amounts(new BigDecimal("1.00"), BigDecimal.ZERO, List.of(vat("-0.01")), List.of(vat("0.00")));
        var negativeShippingTax =
                new Amounts(new BigDecimal("1.00"), BigDecimal.ZERO, List.of(vat("0.00")), List.of(vat("-0.01")));
        for (var amounts : List.of(negativeTax, negativeShippingTax)) {
            assertThat(amounts.all(a -> a.signum() >= 0)).isFalse();
            assertThatThrownBy(() -> line.cancel(1, amounts)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> line.holdForCancel(1).acceptCancel(1, amounts))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void zeroIsAnAmountNegativeIsNot() {
        assertThat(Money.exact(BigDecimal.ZERO, 2, "price")).isEqualTo(new BigDecimal("0.00"));
        assertThatThrownBy(() -> Money.exact(new BigDecimal("-0.01"), 2, "price"))
                .isInstanceOf(RescindException.class);
        assertThatThrownBy(() -> Money.exact(new BigDecimal("0.001"), 2, "price"))
                .isInstanceOf(RescindException.class);
    }

    @Test
    void everyChangeOfALineRaisesItsVersionByOne() {
        var line = aLine(3, LineStatus.ISSUED);
        var cancelled = line.cancel(3, Proration.prorate(line, 3));
        assertThat(cancelled.version()).isEqualTo(line.version() + 1);
        var reverted = cancelled.revertCancel();
        assertThat(reverted.version()).isEqualTo(cancelled.version() + 1);
        var amended = reverted.withContent("SKU", "thing", 4, reverted.unitPrice(), LineStatus.ISSUED);
        assertThat(amended.version()).isEqualTo(reverted.version() + 1);
    }

    @Test
    void aLineHoldsNoFewerUnitsThanItCommitted() {
        // 2 shipped, 1 cancelled, 1 held: 4 committed of 6
        var line = aLine(6, LineStatus.CONFIRMED).ship(2);
        line = line.cancel(1, Proration.prorate(line, 1)).holdForCancel(1);
        var exactly = line.withContent("SKU", "thing", 4, line.unitPrice(), line.status());
        assertThat(exactly.quantity()).isEqualTo(4);
        var stillShipped = line;
        assertThatThrownBy(
                        () -> stillShipped.withContent("SKU", "thing", 3, stillShipped.unitPrice(), LineStatus.SHIPPED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOperatorMayCancelWhatOnlyTheBuyerMay() {
        var buyerOnly = new CancellationPolicy(Set.of(LineStatus.CONFIRMED), Set.of(LineStatus.ISSUED));
        var confirmed = aLine(2, LineStatus.CONFIRMED);
        assertThat(buyerOnly.decide(confirmed, PartyRole.OPERATOR, 1L)).isEqualTo(new Decision.Allowed(1));
        assertThat(buyerOnly.decide(confirmed, PartyRole.SELLER, 1L)).isInstanceOf(Decision.Refused.class);
        assertThat(buyerOnly.decide(aLine(2, LineStatus.REJECTED), PartyRole.OPERATOR, 1L))
                .isInstanceOf(Decision.Refused.class);
    }

    @Test
    void anOrderHasSomethingUnsavedOnlyOnceItChanged() {
        var order = order();
        assertThat(order.unsaved().isEmpty()).isTrue();
        var changed = order.cancel(cancel(1, null), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW)
                .order();
        assertThat(changed.unsaved().isEmpty()).isFalse();
        assertThat(new PurchaseOrder.Unsaved(List.of(), changed.unsaved().changes()).isEmpty())
                .isFalse();
    }

    @Test
    void theWholeOrderCancelsEveryLineWithOpenUnitsAndSkipsTheRest() {
        var order = anOrder()
                .withLine(3, "1.00", LineStatus.CONFIRMED)
                .shipped(3)
                .withLine(2, "1.00", LineStatus.ISSUED)
                .withLine(4, "1.00", LineStatus.CONFIRMED)
                .shipped(1)
                .build();
        var whole = new CancelLines(
                new CancelLines.OrderRef.ById(order.id()),
                new CancelLines.WholeOrder(),
                CancelReason.CUSTOMER_REQUEST,
                null,
                null);
        var result = order.cancel(whole, CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
        assertThat(result).isInstanceOf(CancelResult.Applied.class);
        assertThat(result.cancellation().lines())
                .extracting(Cancellation.CancelledLine::lineNumber, Cancellation.CancelledLine::quantity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, 2L), org.assertj.core.groups.Tuple.tuple(3, 3L));
        assertThat(result.order().lines())
                .extracting(OrderLine::status)
                .containsExactly(LineStatus.SHIPPED, LineStatus.CANCELLED, LineStatus.SHIPPED);
    }

    @Test
    void aTaxCodeStatedTwiceCountsWithItsLastAmount() {
        var twice = taxes(List.of(vat("2.00"), vat("0.50")), null);
        var result = order().cancel(cancel(1, twice), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
        assertThat(result.order().lines().getFirst().cancelled().taxes()).containsExactly(vat("0.50"));
    }
}
