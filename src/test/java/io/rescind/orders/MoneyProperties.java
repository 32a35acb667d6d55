package io.rescind.orders;

import static io.rescind.orders.OrderBuilder.BUYER;
import static io.rescind.orders.OrderBuilder.SELLER;
import static io.rescind.orders.OrderBuilder.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Money over any currency scale (0, 2, 3 decimals), several taxes on the item and on shipping,
 * both sides and operators, seller policies with approval holds on either side, amounts stated by
 * the client, and shipments and decisions between cancels: no amount is ever cancelled beyond its
 * total or below zero or off the currency's scale, every amount adds up exactly once all is
 * cancelled, and a cancel within bounds is applied (or held) with exactly the amounts priced.
 */
class MoneyProperties {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static final List<String> CURRENCIES = List.of("JPY", "KRW", "EUR", "USD", "KWD", "BHD", "TND");

    private static final List<CancellationPolicy> POLICIES = List.of(
            CancellationPolicy.DEFAULT,
            approvals(Set.of(LineStatus.CONFIRMED), Set.of()),
            approvals(Set.of(), Set.of(LineStatus.ISSUED, LineStatus.CONFIRMED)),
            approvals(Set.of(LineStatus.ISSUED), Set.of(LineStatus.CONFIRMED, LineStatus.SHIPPED)),
            new CancellationPolicy(
                    Set.of(LineStatus.ISSUED), Set.of(LineStatus.ISSUED, LineStatus.CONFIRMED, LineStatus.SHIPPED)));

    private static CancellationPolicy approvals(Set<LineStatus> buyer, Set<LineStatus> seller) {
        return new CancellationPolicy(
                CancellationPolicy.DEFAULT.buyerMayCancel(),
                CancellationPolicy.DEFAULT.sellerMayCancel(),
                buyer,
                seller,
                Duration.ofDays(1),
                CancellationPolicy.OnExpiry.ACCEPT);
    }

    /** Amounts of a line in minor units; the scale comes from the currency. */
    record Minor(long price, long shipping, long vat, long eco, long shippingVat) {}

    /**
     * A cancel (kind 0), a shipment (1) or a decision on the oldest request (2). {@code statedPart}
     * is a per-mille share of what remains of the price to state, or negative to state nothing.
     */
    record Step(int kind, PartyRole role, long quantity, int statedPart, boolean accept) {}

    @Property(tries = 400)
    void neverOverAndWithinBoundsIsAppliedExactly(
            @ForAll("currencies") String currency,
            @ForAll("money") Minor money,
            @ForAll("quantities") long ordered,
            @ForAll("policies") CancellationPolicy policy,
            @ForAll("confirmed") boolean confirmed,
            @ForAll("steps") List<Step> steps) {
        int scale = Money.scaleOf(currency);
        var order = order(currency, scale, money, ordered, confirmed ? LineStatus.CONFIRMED : LineStatus.ISSUED);
        var pending = new ArrayList<Cancellation>();
        boolean stated = false;
        for (var step : steps) {
            var line = order.lines().getFirst();
            switch (step.kind()) {
                case 0 -> {
                    var statedAmounts = stated(line, step.statedPart(), scale);
                    var command = new CancelLines(
                            new CancelLines.OrderRef.ById(order.id()),
                            new CancelLines.Lines(List.of(new CancelLines.LineCancel(
                                    new LineRef.ByNumber(1), step.quantity(), statedAmounts))),
                            CancelReason.CUSTOMER_REQUEST,
                            null,
                            null);
                    var result = order.cancel(command, policy, caller(step.role()), NOW);
                    var after = result.order().lines().getFirst();
                    boolean allowed = policy.decide(line, step.role(), step.quantity()) instanceof Decision.Allowed
                            || policy.decide(line, step.role(), step.quantity()) instanceof Decision.NeedsApproval;
                    boolean withinBounds = step.quantity() <= line.openQuantity() && allowed;
                    // What the cancel is priced at: its prorated share, with the price stated replacing
                    // its share (only needed, and only computable, within bounds).
                    var expected = step.quantity() <= line.unitsNotCancelled()
                            ? Proration.prorate(line, step.quantity())
                            : null;
                    if (expected != null && statedAmounts != null) {
                        expected = new Amounts(
                                statedAmounts.price(),
                                expected.shippingPrice(),
                                expected.taxes(),
                                expected.shippingTaxes());
                    }
                    switch (result) {
                        case CancelResult.Applied applied -> {
                            assertThat(withinBounds).isTrue();
                            assertThat(after.cancelledQuantity()).isEqualTo(line.cancelledQuantity() + step.quantity());
                            assertThat(after.cancelled())
                                    .isEqualTo(line.cancelled().plus(expected));
                        }
                        case CancelResult.Requested requested -> {
                            assertThat(withinBounds).isTrue();
                            assertThat(after.pendingCancelQuantity())
                                    .isEqualTo(line.pendingCancelQuantity() + step.quantity());
                            assertThat(after.cancelled()).isEqualTo(line.cancelled());
                            assertThat(requested
                                            .cancellation()
                                            .lines()
                                            .getFirst()
                                            .amounts())
                                    .isEqualTo(expected);
                            pending.add(requested.cancellation());
                        }
                        case CancelResult.Refused refused -> {
                            assertThat(after).isEqualTo(line);
                            assertThat(withinBounds)
                                    .as(
                                            "refused although within bounds: %s",
                                            refused.cancellation().refusals())
                                    .isFalse();
                        }
                    }
                    stated |= statedAmounts != null && result instanceof CancelResult.Applied;
                    order = result.order().saved();
                }
                case 1 -> {
                    boolean shippable = line.status() == LineStatus.CONFIRMED || line.status() == LineStatus.SHIPPED;
                    if (shippable && line.openQuantity() > 0) {
                        order = order.move(line.id(), new LineMove.Ship(Math.min(step.quantity(), line.openQuantity())))
                                .saved();
                    }
                }
                default -> {
                    if (!pending.isEmpty()) {
                        var request = pending.removeFirst();
                        var outcome = step.accept() ? Cancellation.Status.ACCEPTED : Cancellation.Status.REJECTED;
                        var held = line.pendingCancelQuantity();
                        var concluded =
                                order.conclude(request, outcome, SELLER, NOW).order();
                        var after = concluded.lines().getFirst();
                        long units = request.lines().getFirst().quantity();
                        assertThat(after.pendingCancelQuantity()).isEqualTo(held - units);
                        assertThat(after.cancelledQuantity())
                                .isEqualTo(line.cancelledQuantity() + (step.accept() ? units : 0));
                        order = concluded.saved();
                    }
                }
            }
            var each = order.lines().getFirst();
            assertThat(each.shippedQuantity() + each.cancelledQuantity() + each.pendingCancelQuantity())
                    .isLessThanOrEqualTo(each.quantity());
            assertThat(each.cancelled().fitsWithin(each.totals())).isTrue();
            assertThat(each.cancelled().all(amount -> amount.signum() >= 0)).isTrue();
            assertThat(each.cancelled().all(amount -> amount.scale() == scale)).isTrue();
            // A price the client stated may be less than its share, also for the last units of a
            // directly applied cancel; only prorated money must add up to the totals exactly.
            if (each.cancelledQuantity() == each.quantity() && !stated) {
                assertThat(each.cancelled()).isEqualTo(each.totals());
            }
        }
    }

    /** A stated price: a share of what remains of it, at the currency's scale. */
    private static CancelLines.RequestedAmounts stated(OrderLine line, int part, int scale) {
        if (part < 0) {
            return null;
        }
        var price = line.remaining()
                .price()
                .multiply(BigDecimal.valueOf(part))
                .divide(BigDecimal.valueOf(1000), scale, RoundingMode.DOWN);
        return new CancelLines.RequestedAmounts(null, price, null, null, null);
    }

    private static PurchaseOrder order(String currency, int scale, Minor money, long ordered, LineStatus status) {
        var unit = BigDecimal.valueOf(money.price(), scale);
        var totals = new Amounts(
                unit.multiply(BigDecimal.valueOf(ordered)),
                BigDecimal.valueOf(money.shipping(), scale),
                List.of(
                        new Amounts.Tax("VAT", BigDecimal.valueOf(money.vat(), scale)),
                        new Amounts.Tax("ECO", BigDecimal.valueOf(money.eco(), scale))),
                List.of(new Amounts.Tax("VAT", BigDecimal.valueOf(money.shippingVat(), scale))));
        var line = new OrderLine(
                new UUID(0, 1),
                1,
                "0001",
                "SKU-1",
                "item",
                ordered,
                0,
                0,
                0,
                unit,
                totals,
                totals.zeroed(),
                status,
                null,
                0);
        return new PurchaseOrder(
                TENANT,
                new UUID(1, 1),
                1,
                "PO-1",
                BUYER,
                SELLER,
                currency,
                NOW,
                NOW,
                0,
                List.of(line),
                PurchaseOrder.Unsaved.NONE);
    }

    private static Caller caller(PartyRole role) {
        return switch (role) {
            case BUYER -> new Caller(TENANT, BUYER, role);
            case SELLER -> new Caller(TENANT, SELLER, role);
            case OPERATOR -> new Caller(TENANT, new UUID(9, 9), role);
        };
    }

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of(CURRENCIES);
    }

    @Provide
    Arbitrary<CancellationPolicy> policies() {
        return Arbitraries.of(POLICIES);
    }

    @Provide
    Arbitrary<Boolean> confirmed() {
        return Arbitraries.of(true, false);
    }

    @Provide
    Arbitrary<Long> quantities() {
        return Arbitraries.longs().between(1, 40);
    }

    @Provide
    Arbitrary<Minor> money() {
        var minor = Arbitraries.longs().between(0, 2_000_000);
        return Combinators.combine(minor, minor, minor, minor, minor).as(Minor::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(PartyRole.class),
                        Arbitraries.longs().between(1, 45),
                        Arbitraries.integers().between(-1, 1000),
                        Arbitraries.of(true, false))
                .as(Step::new)
                .list()
                .ofMaxSize(25);
    }
}
