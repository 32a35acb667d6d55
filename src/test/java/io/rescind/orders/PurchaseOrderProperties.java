package io.rescind.orders;

import static io.rescind.orders.OrderBuilder.BUYER;
import static io.rescind.orders.OrderBuilder.SELLER;
import static io.rescind.orders.OrderBuilder.TENANT;
import static io.rescind.orders.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * What must hold on the aggregate for any sequence of cancels, shipments and decisions by either
 * side: nothing is ever cancelled beyond what was ordered, no amount beyond its total, and a cancel
 * within bounds that the policy allows is applied exactly.
 */
class PurchaseOrderProperties {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static final CancellationPolicy BUYER_NEEDS_APPROVAL_WHEN_CONFIRMED = new CancellationPolicy(
            CancellationPolicy.DEFAULT.buyerMayCancel(),
            CancellationPolicy.DEFAULT.sellerMayCancel(),
            Set.of(LineStatus.CONFIRMED),
            Set.of(),
            Duration.ofDays(1),
            CancellationPolicy.OnExpiry.REJECT);

    /** One step: who cancels how much of which line, or a shipment, or a decision on the oldest request. */
    record Step(int kind, int line, PartyRole role, long quantity, boolean accept) {}

    @Property(tries = 300)
    void neverOverCancelledAndWithinBoundsIsAppliedExactly(
            @ForAll("lines") List<Long> quantities,
            @ForAll("steps") @Size(max = 30) List<Step> steps,
            @ForAll boolean approvals) {
        var builder = anOrder();
        for (var quantity : quantities) {
            builder.withLine(quantity, "3.33", "1.11", "2.00", LineStatus.CONFIRMED);
        }
        var order = builder.build();
        var policy = approvals ? BUYER_NEEDS_APPROVAL_WHEN_CONFIRMED : CancellationPolicy.DEFAULT;
        var pending = new ArrayList<Cancellation>();
        for (var step : steps) {
            var line = order.lines().get(step.line() % order.lines().size());
            switch (step.kind()) {
                case 0 -> {
                    var open = line.openQuantity();
                    var command = new CancelLines(
                            new CancelLines.OrderRef.ById(order.id()),
                            new CancelLines.Lines(List.of(
                                    new CancelLines.LineCancel(new LineRef.ById(line.id()), step.quantity(), null))),
                            CancelReason.CUSTOMER_REQUEST,
                            null,
                            null);
                    var result = order.cancel(command, policy, caller(step.role()), NOW);
                    var after = result.order().line(line.id());
                    boolean withinBounds =
                            step.quantity() <= open && !line.status().isFinal();
                    switch (result) {
                        case CancelResult.Applied applied -> {
                            assertThat(withinBounds).isTrue();
                            assertThat(after.cancelledQuantity()).isEqualTo(line.cancelledQuantity() + step.quantity());
                        }
                        case CancelResult.Requested requested -> {
                            assertThat(withinBounds).isTrue();
                            assertThat(after.pendingCancelQuantity())
                                    .isEqualTo(line.pendingCancelQuantity() + step.quantity());
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
                    order = result.order().saved();
                }
                case 1 -> {
                    if (line.openQuantity() > 0 && line.status() == LineStatus.CONFIRMED
                            || line.status() == LineStatus.SHIPPED && line.openQuantity() > 0) {
                        order = order.move(line.id(), new LineMove.Ship(Math.min(step.quantity(), line.openQuantity())))
                                .saved();
                    }
                }
                default -> {
                    if (!pending.isEmpty()) {
                        var request = pending.removeFirst();
                        var outcome = step.accept() ? Cancellation.Status.ACCEPTED : Cancellation.Status.REJECTED;
                        order = order.conclude(request, outcome, SELLER, NOW)
                                .order()
                                .saved();
                    }
                }
            }
            for (var each : order.lines()) {
                assertThat(each.shippedQuantity() + each.cancelledQuantity() + each.pendingCancelQuantity())
                        .isLessThanOrEqualTo(each.quantity());
                assertThat(each.openQuantity()).isNotNegative();
                assertThat(each.cancelled().fitsWithin(each.totals())).isTrue();
                assertThat(each.cancelled().all(amount -> amount.signum() >= 0)).isTrue();
                if (each.cancelledQuantity() == each.quantity()) {
                    assertThat(each.cancelled()).isEqualTo(each.totals());
                }
            }
        }
    }

    private static Caller caller(PartyRole role) {
        return switch (role) {
            case BUYER -> new Caller(TENANT, BUYER, role);
            case SELLER -> new Caller(TENANT, SELLER, role);
            case OPERATOR -> new Caller(TENANT, new java.util.UUID(9, 9), role);
        };
    }

    @Provide
    Arbitrary<List<Long>> lines() {
        return Arbitraries.longs().between(1, 50).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(PartyRole.class),
                        Arbitraries.longs().between(1, 60),
                        Arbitraries.of(true, false))
                .as(Step::new)
                .list()
                .ofMaxSize(30);
    }
}
