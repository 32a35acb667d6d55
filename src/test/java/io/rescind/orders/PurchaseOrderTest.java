package io.rescind.orders;

import static io.rescind.orders.OrderBuilder.BUYER;
import static io.rescind.orders.OrderBuilder.SELLER;
import static io.rescind.orders.OrderBuilder.TENANT;
import static io.rescind.orders.OrderBuilder.anOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rescind.RescindException;
import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.orders.CancellationEvents.CancellationDecided;
import io.rescind.orders.CancellationEvents.CancellationRefused;
import io.rescind.orders.CancellationEvents.CancellationRequested;
import io.rescind.orders.CancellationEvents.CancellationReverted;
import io.rescind.orders.CancellationEvents.LinesCancelled;
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

/** The rules of cancelling, on the aggregate alone: no Spring, no database. */
class PurchaseOrderTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Caller BUYER_CALLER = new Caller(TENANT, BUYER, PartyRole.BUYER);
    private static final Caller SELLER_CALLER = new Caller(TENANT, SELLER, PartyRole.SELLER);

    private static CancelLines cancel(int lineNumber, Long quantity) {
        return cancel(List.of(new LineCancel(new LineRef.ByNumber(lineNumber), quantity, null)));
    }

    private static CancelLines cancel(List<LineCancel> lines) {
        return new CancelLines(
                new CancelLines.OrderRef.ById(new java.util.UUID(1, 1)),
                new CancelLines.Lines(lines),
                CancelReason.CUSTOMER_REQUEST,
                "note",
                null,
                false);
    }

    private static final CancellationPolicy APPROVAL = new CancellationPolicy(
            CancellationPolicy.DEFAULT.buyerMayCancel(),
            CancellationPolicy.DEFAULT.sellerMayCancel(),
            Set.of(LineStatus.CONFIRMED),
            Set.of(),
            Duration.ofHours(2),
            CancellationPolicy.OnExpiry.ACCEPT);

    @Test
    void anAppliedCancelTakesUnitsAndMoneyAndRecordsOneEvent() {
        var order = anOrder()
                .withLine(3, "10.00", "6.30", "5.00", LineStatus.ISSUED)
                .build();

        var result = order.cancel(cancel(1, 1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);

        assertThat(result).isInstanceOf(CancelResult.Applied.class);
        var line = result.order().lines().getFirst();
        assertThat(line.cancelledQuantity()).isEqualTo(1);
        assertThat(line.openQuantity()).isEqualTo(2);
        assertThat(line.cancelled().price()).isEqualByComparingTo("10.00");
        assertThat(line.cancelled().taxes().getFirst().amount()).isEqualByComparingTo("2.10");
        assertThat(line.cancelled().shippingPrice()).isEqualByComparingTo("1.67");
        assertThat(result.order().unsaved().lines()).containsExactly(line);
        assertThat(result.events()).singleElement().isInstanceOfSatisfying(LinesCancelled.class, event -> {
            assertThat(event.cancellationId()).isEqualTo(result.cancellation().id());
            assertThat(event.restock()).isFalse();
            assertThat(event.lines())
                    .singleElement()
                    .satisfies(cancelled -> assertThat(cancelled.quantity()).isEqualTo(1));
        });
        assertThat(result.cancellation().status()).isEqualTo(Cancellation.Status.APPLIED);
        assertThat(result.cancellation().createdAt()).isEqualTo(NOW);
        assertThat(order.lines().getFirst().cancelledQuantity())
                .as("the order before is unchanged")
                .isZero();
    }

    @ParameterizedTest(name = "{0} line, {1} shipped of 4, cancel {2} -> {3}")
    @CsvSource({
        "ISSUED,      0, 1, ISSUED",
        "ISSUED,      0, 4, CANCELLED",
        "CONFIRMED,   0, 4, CANCELLED",
        "IN_PROGRESS, 0, 4, CANCELLED",
        "REJECTED,    0, 4, CANCELLED",
        "CONFIRMED,   1, 3, SHIPPED",
        "CONFIRMED,   1, 2, SHIPPED",
        "CONFIRMED,   2, 1, SHIPPED"
    })
    void theStatusAfterACancelFollowsWhatIsLeft(LineStatus status, long shipped, long cancelled, LineStatus after) {
        var builder = anOrder().withLine(4, "2.50", status);
        if (shipped > 0) {
            builder.shipped(shipped);
        }
        var result = builder.build().cancel(cancel(1, cancelled), CancellationPolicy.DEFAULT, SELLER_CALLER, NOW);

        assertThat(result).isInstanceOf(CancelResult.Applied.class);
        var line = result.order().lines().getFirst();
        assertThat(line.status()).isEqualTo(after);
        assertThat(line.statusBeforeCancel()).isEqualTo(after == LineStatus.CANCELLED ? status : null);
    }

    @Test
    void oneRefusedLineRefusesTheWholeCommandAndChangesNothing() {
        var order = anOrder()
                .withLine(3, "1.00", LineStatus.ISSUED)
                .withLine(2, "1.00", LineStatus.COMPLETED)
                .build();

        var result = order.cancel(
                cancel(List.of(
                        new LineCancel(new LineRef.ByNumber(1), 1L, null),
                        new LineCancel(new LineRef.ByNumber(2), 1L, null))),
                CancellationPolicy.DEFAULT,
                BUYER_CALLER,
                NOW);

        assertThat(result).isInstanceOf(CancelResult.Refused.class);
        assertThat(result.order().lines()).isEqualTo(order.lines());
        assertThat(result.order().unsaved().lines()).isEmpty();
        assertThat(result.cancellation().refusals())
                .singleElement()
                .satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(RefusalReason.LINE_COMPLETED));
        assertThat(result.events()).singleElement().isInstanceOf(CancellationRefused.class);
    }

    @Test
    void aWholeOrderCancelWithNothingOpenIsRefusedAsNothingToCancel() {
        var order =
                anOrder().withLine(2, "1.00", LineStatus.CONFIRMED).shipped(2).build();
        var whole = new CancelLines(
                new CancelLines.OrderRef.ById(order.id()),
                new CancelLines.WholeOrder(),
                CancelReason.CUSTOMER_REQUEST,
                null,
                null);

        var result = order.cancel(whole, CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);

        assertThat(result.cancellation().refusals())
                .singleElement()
                .satisfies(refusal -> assertThat(refusal.reason()).isEqualTo(RefusalReason.NOTHING_TO_CANCEL));
    }

    @Test
    void anUnknownOrTwiceNamedLineIsABadCommandNotARefusal() {
        var order = anOrder().withLine(2, "1.00", LineStatus.ISSUED).build();

        assertThatThrownBy(() -> order.cancel(cancel(7, 1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW))
                .isInstanceOfSatisfying(
                        RescindException.class, e -> assertThat(e.code()).isEqualTo("unknown-line"));
        assertThatThrownBy(() -> order.cancel(
                        cancel(List.of(
                                new LineCancel(new LineRef.ByNumber(1), 1L, null),
                                new LineCancel(new LineRef.ByPosition("0001"), 1L, null))),
                        CancellationPolicy.DEFAULT,
                        BUYER_CALLER,
                        NOW))
                .isInstanceOfSatisfying(
                        RescindException.class, e -> assertThat(e.code()).isEqualTo("duplicate-line"));
    }

    @Test
    void statedAmountsAreUsedWhenTheyFitAndRefusedWhenTheyDoNot() {
        var order =
                anOrder().withLine(2, "10.00", "4.00", "0", LineStatus.ISSUED).build();
        var fits = new CancelLines.RequestedAmounts("EUR", new BigDecimal("9.50"), null, null, null);
        var tooMuch = new CancelLines.RequestedAmounts("EUR", new BigDecimal("20.01"), null, null, null);

        var applied = order.cancel(
                cancel(List.of(new LineCancel(new LineRef.ByNumber(1), 1L, fits))),
                CancellationPolicy.DEFAULT,
                BUYER_CALLER,
                NOW);
        var refused = order.cancel(
                cancel(List.of(new LineCancel(new LineRef.ByNumber(1), 1L, tooMuch))),
                CancellationPolicy.DEFAULT,
                BUYER_CALLER,
                NOW);

        assertThat(applied.order().lines().getFirst().cancelled().price()).isEqualByComparingTo("9.50");
        assertThat(applied.order()
                        .lines()
                        .getFirst()
                        .cancelled()
                        .taxes()
                        .getFirst()
                        .amount())
                .as("the part not stated is prorated")
                .isEqualByComparingTo("2.00");
        assertThat(refused.cancellation().refusals())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RefusalReason.AMOUNT_EXCEEDS_REMAINING));
    }

    @Test
    void aCancelNeedingApprovalHoldsItsUnitsForTheOtherSide() {
        var order = anOrder()
                .withLine(3, "1.00", LineStatus.CONFIRMED)
                .withLine(3, "1.00", LineStatus.ISSUED)
                .build();

        var result = order.cancel(
                cancel(List.of(
                        new LineCancel(new LineRef.ByNumber(1), 2L, null),
                        new LineCancel(new LineRef.ByNumber(2), 1L, null))),
                APPROVAL,
                BUYER_CALLER,
                NOW);

        assertThat(result).isInstanceOf(CancelResult.Requested.class);
        var request = result.cancellation();
        assertThat(request.status()).isEqualTo(Cancellation.Status.PENDING);
        assertThat(request.deciderId()).isEqualTo(SELLER);
        assertThat(request.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(result.order().lines())
                .extracting(OrderLine::pendingCancelQuantity, OrderLine::cancelledQuantity, OrderLine::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, 0L, LineStatus.CONFIRMED),
                        org.assertj.core.groups.Tuple.tuple(1L, 0L, LineStatus.ISSUED));
        assertThat(result.events()).singleElement().isInstanceOf(CancellationRequested.class);
    }

    @ParameterizedTest(name = "{0} (on expiry {1}) -> held units {2}")
    @CsvSource({
        "ACCEPTED, REJECT, cancelled",
        "REJECTED, ACCEPT, released",
        "EXPIRED,  ACCEPT, cancelled",
        "EXPIRED,  REJECT, released"
    })
    void concludingARequestCancelsOrReleasesItsUnits(
            Cancellation.Status outcome, CancellationPolicy.OnExpiry onExpiry, String units) {
        var policy = new CancellationPolicy(
                APPROVAL.buyerMayCancel(),
                APPROVAL.sellerMayCancel(),
                APPROVAL.buyerNeedsApproval(),
                Set.of(),
                Duration.ofHours(1),
                onExpiry);
        var requested = anOrder()
                .withLine(3, "3.33", "0", "1.00", LineStatus.CONFIRMED)
                .build()
                .cancel(cancel(1, 3L), policy, BUYER_CALLER, NOW);
        var saved = requested.order().saved();

        var concluded = saved.conclude(requested.cancellation(), outcome, SELLER, NOW.plusSeconds(60));

        var line = concluded.order().lines().getFirst();
        assertThat(concluded.cancellation().status()).isEqualTo(outcome);
        assertThat(line.pendingCancelQuantity()).isZero();
        if (units.equals("cancelled")) {
            assertThat(line.status()).isEqualTo(LineStatus.CANCELLED);
            assertThat(line.cancelled())
                    .as("the last units take exactly what remains")
                    .isEqualTo(line.totals());
            assertThat(concluded.order().unsaved().changes())
                    .hasExactlyElementsOfTypes(CancellationDecided.class, LinesCancelled.class);
        } else {
            assertThat(line.status()).isEqualTo(LineStatus.CONFIRMED);
            assertThat(line.openQuantity()).isEqualTo(3);
            assertThat(concluded.order().unsaved().changes()).hasExactlyElementsOfTypes(CancellationDecided.class);
        }
        assertThatThrownBy(() -> concluded.order().conclude(concluded.cancellation(), outcome, SELLER, NOW))
                .isInstanceOfSatisfying(
                        RescindException.class, e -> assertThat(e.code()).isEqualTo("already-decided"));
    }

    @Test
    void aRevertReturnsEachLineToTheStatusItHadWhenItWasCancelled() {
        var order = anOrder()
                .withLine(2, "1.00", LineStatus.CONFIRMED)
                .withLine(2, "1.00", LineStatus.ISSUED)
                .build();
        var cancelled = order.cancel(
                        cancel(List.of(
                                new LineCancel(new LineRef.ByNumber(1), null, null),
                                new LineCancel(new LineRef.ByNumber(2), null, null))),
                        CancellationPolicy.DEFAULT,
                        BUYER_CALLER,
                        NOW)
                .order()
                .saved();

        var reverted = cancelled.revert(List.of("0001", "0002"), "by mistake");

        assertThat(reverted.lines())
                .extracting(OrderLine::status, OrderLine::openQuantity, OrderLine::statusBeforeCancel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LineStatus.CONFIRMED, 2L, null),
                        org.assertj.core.groups.Tuple.tuple(LineStatus.ISSUED, 2L, null));
        assertThat(reverted.lines())
                .allSatisfy(line ->
                        assertThat(line.cancelled()).isEqualTo(line.totals().zeroed()));
        assertThat(reverted.unsaved().changes()).singleElement().isInstanceOf(CancellationReverted.class);
        assertThatThrownBy(() -> reverted.revert(List.of("0001"), "again"))
                .isInstanceOfSatisfying(
                        RescindException.class, e -> assertThat(e.code()).isEqualTo("not-cancelled"));
        assertThatThrownBy(() -> cancelled.revert(List.of("0009"), "unknown"))
                .isInstanceOfSatisfying(
                        RescindException.class, e -> assertThat(e.code()).isEqualTo("unknown-line"));
    }

    @Test
    void anAnswerMovesEachLineWhereTheTableAllowsAndLeavesTheRest() {
        var order = anOrder()
                .withLine(1, "1.00", LineStatus.ISSUED)
                .withLine(1, "1.00", LineStatus.REJECTED)
                .withLine(1, "1.00", LineStatus.CONFIRMED)
                .withLine(2, "1.00", LineStatus.CONFIRMED)
                .shipped(1)
                .withLine(1, "1.00", LineStatus.COMPLETED)
                .build();
        var confirmAll = new java.util.HashMap<java.util.UUID, LineMove>();
        order.lines().forEach(line -> confirmAll.put(line.id(), new LineMove.Confirm()));

        var answered = order.answer(confirmAll);

        assertThat(answered.lines())
                .extracting(OrderLine::status)
                .containsExactly(
                        LineStatus.CONFIRMED,
                        LineStatus.CONFIRMED,
                        LineStatus.CONFIRMED,
                        LineStatus.SHIPPED,
                        LineStatus.COMPLETED);
        assertThat(answered.unsaved().lines()).extracting(OrderLine::number).containsExactly(1, 2);
        assertThat(answered.unsaved().changes()).hasSize(2);
        assertThat(order.answer(java.util.Map.of(order.lines().getFirst().id(), new LineMove.Reject()))
                        .lines()
                        .getFirst()
                        .status())
                .isEqualTo(LineStatus.REJECTED);
    }

    @Test
    void savingBumpsTheVersionOnlyWhenLinesChanged() {
        var order = anOrder().withLine(2, "1.00", LineStatus.COMPLETED).build();
        var refused = order.cancel(cancel(1, 1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);
        var applied = anOrder()
                .withLine(2, "1.00", LineStatus.ISSUED)
                .build()
                .cancel(cancel(1, 1L), CancellationPolicy.DEFAULT, BUYER_CALLER, NOW);

        assertThat(refused.order().saved().version()).isEqualTo(order.version());
        assertThat(applied.order().saved().version()).isEqualTo(order.version() + 1);
        assertThat(applied.order().saved().unsaved().isEmpty()).isTrue();
    }
}
