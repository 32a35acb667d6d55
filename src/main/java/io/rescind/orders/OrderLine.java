package io.rescind.orders;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * One line of a purchase order. Quantities are whole units: {@code quantity} ordered, of which
 * some are shipped, cancelled or held by a pending cancel request; the rest is open. Every change
 * goes through a method here and is checked against {@link LineStatus}'s table of moves.
 *
 * @param totals the line's price (unit price × quantity), shipping and taxes
 * @param cancelled the part of {@code totals} already cancelled
 * @param statusBeforeCancel for a cancelled line, the status it had when it was cancelled (where a
 *     revert returns it); null otherwise
 */
public record OrderLine(
        UUID id,
        int number,
        String position,
        String productId,
        String description,
        long quantity,
        long shippedQuantity,
        long cancelledQuantity,
        long pendingCancelQuantity,
        BigDecimal unitPrice,
        Amounts totals,
        Amounts cancelled,
        LineStatus status,
        LineStatus statusBeforeCancel,
        long version) {

    public long openQuantity() {
        return quantity - shippedQuantity - cancelledQuantity - pendingCancelQuantity;
    }

    /** What could still be cancelled, in money. */
    public Amounts remaining() {
        return totals.minus(cancelled);
    }

    /** Units whose money has not been cancelled yet: the open ones and the shipped ones. */
    public long unitsNotCancelled() {
        return quantity - cancelledQuantity;
    }

    public OrderLine confirm() {
        return moveTo(LineStatus.CONFIRMED);
    }

    public OrderLine reject() {
        return moveTo(LineStatus.REJECTED);
    }

    public OrderLine complete() {
        if (pendingCancelQuantity > 0) {
            throw new RescindException(
                    Kind.CONFLICT,
                    "cancel-pending",
                    "Line %d has units awaiting a decision on their cancellation".formatted(number));
        }
        return moveTo(LineStatus.COMPLETED);
    }

    public OrderLine ship(long units) {
        if (units < 1 || units > openQuantity()) {
            throw new RescindException(
                    Kind.CONFLICT,
                    "quantity-exceeds-open",
                    "Line %d has %d open units; cannot ship %d".formatted(number, openQuantity(), units));
        }
        if (status == LineStatus.ISSUED || status == LineStatus.IN_PROGRESS || status == LineStatus.REJECTED) {
            throw illegalMove(LineStatus.SHIPPED);
        }
        return with(
                shippedQuantity + units,
                cancelledQuantity,
                pendingCancelQuantity,
                cancelled,
                moveCheck(LineStatus.SHIPPED));
    }

    /**
     * Cancels units and their money. The caller (the cancellation engine) has decided that this is
     * allowed; what is checked here are the invariants no decision may break.
     */
    public OrderLine cancel(long units, Amounts amounts) {
        if (units < 1 || units > openQuantity()) {
            throw new IllegalStateException("Cannot cancel %d of %d open units".formatted(units, openQuantity()));
        }
        if (!amounts.fitsWithin(remaining()) || !amounts.all(a -> a.signum() >= 0)) {
            throw new IllegalStateException("Cancelled amounts exceed what remains of line " + number);
        }
        var nowCancelled = cancelledQuantity + units;
        return with(
                shippedQuantity,
                nowCancelled,
                pendingCancelQuantity,
                cancelled.plus(amounts),
                afterCancel(nowCancelled));
    }

    /**
     * Holds units for a cancel request awaiting the counterparty's decision: they are neither open
     * (so cannot be shipped or cancelled again) nor cancelled yet. The status does not change.
     */
    public OrderLine holdForCancel(long units) {
        if (units < 1 || units > openQuantity()) {
            throw new IllegalStateException("Cannot hold %d of %d open units".formatted(units, openQuantity()));
        }
        return with(shippedQuantity, cancelledQuantity, pendingCancelQuantity + units, cancelled, status);
    }

    /** The counterparty accepted: held units become cancelled, with their money. */
    public OrderLine acceptCancel(long units, Amounts amounts) {
        if (units < 1 || units > pendingCancelQuantity) {
            throw new IllegalStateException(
                    "Cannot accept %d of %d pending units".formatted(units, pendingCancelQuantity));
        }
        if (!amounts.fitsWithin(remaining()) || !amounts.all(a -> a.signum() >= 0)) {
            throw new IllegalStateException("Cancelled amounts exceed what remains of line " + number);
        }
        var nowCancelled = cancelledQuantity + units;
        return with(
                shippedQuantity,
                nowCancelled,
                pendingCancelQuantity - units,
                cancelled.plus(amounts),
                afterCancel(nowCancelled));
    }

    /** The counterparty rejected (or the request expired as rejected): held units are open again. */
    public OrderLine releaseCancel(long units) {
        if (units < 1 || units > pendingCancelQuantity) {
            throw new IllegalStateException(
                    "Cannot release %d of %d pending units".formatted(units, pendingCancelQuantity));
        }
        return with(shippedQuantity, cancelledQuantity, pendingCancelQuantity - units, cancelled, status);
    }

    /**
     * Un-cancels a cancelled line: its units are open again, its cancelled money is zero and it
     * returns to the status it had when it was cancelled. The one move out of CANCELLED, kept
     * outside the transition table because only a revert may make it.
     */
    public OrderLine revertCancel() {
        if (status != LineStatus.CANCELLED) {
            throw new RescindException(
                    Kind.CONFLICT, "not-cancelled", "Line %d is %s, not cancelled".formatted(number, status));
        }
        var previous = statusBeforeCancel == null ? LineStatus.ISSUED : statusBeforeCancel;
        return new OrderLine(
                id,
                number,
                position,
                productId,
                description,
                quantity,
                shippedQuantity,
                0,
                pendingCancelQuantity,
                unitPrice,
                totals,
                totals.zeroed(),
                previous,
                null,
                version + 1);
    }

    /**
     * The line with new content, its price total following quantity and unit price. {@link
     * ContentRules} has checked that shipped, cancelled and held units and their money still fit.
     */
    OrderLine withContent(
            String newProductId, String newDescription, long newQuantity, BigDecimal newUnitPrice, LineStatus next) {
        if (newQuantity < shippedQuantity + cancelledQuantity + pendingCancelQuantity) {
            throw new IllegalStateException("Line %d cannot hold fewer units than it committed".formatted(number));
        }
        var newTotals = new Amounts(
                newUnitPrice.multiply(BigDecimal.valueOf(newQuantity)),
                totals.shippingPrice(),
                totals.taxes(),
                totals.shippingTaxes());
        return new OrderLine(
                id,
                number,
                position,
                newProductId,
                newDescription,
                newQuantity,
                shippedQuantity,
                cancelledQuantity,
                pendingCancelQuantity,
                newUnitPrice,
                newTotals,
                cancelled,
                next == status ? status : moveCheck(next),
                statusBeforeCancel,
                version + 1);
    }

    /** A line whose units are all shipped or cancelled is done; held units keep it as it is. */
    private LineStatus afterCancel(long nowCancelled) {
        var next = shippedQuantity + nowCancelled < quantity
                ? status
                : shippedQuantity > 0 ? LineStatus.SHIPPED : LineStatus.CANCELLED;
        return moveCheck(next);
    }

    private OrderLine moveTo(LineStatus next) {
        return with(shippedQuantity, cancelledQuantity, pendingCancelQuantity, cancelled, moveCheck(next));
    }

    private LineStatus moveCheck(LineStatus next) {
        if (!status.canTransitionTo(next)) {
            throw illegalMove(next);
        }
        return next;
    }

    private RescindException illegalMove(LineStatus next) {
        return new RescindException(
                Kind.CONFLICT,
                "illegal-line-transition",
                "Line %d is %s and cannot become %s".formatted(number, status, next));
    }

    private OrderLine with(
            long shipped, long cancelledUnits, long pendingUnits, Amounts cancelledAmounts, LineStatus next) {
        return new OrderLine(
                id,
                number,
                position,
                productId,
                description,
                quantity,
                shipped,
                cancelledUnits,
                pendingUnits,
                unitPrice,
                totals,
                cancelledAmounts,
                next,
                next == LineStatus.CANCELLED && status != LineStatus.CANCELLED ? status : statusBeforeCancel,
                version + 1);
    }
}
