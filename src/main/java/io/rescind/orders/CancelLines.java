package io.rescind.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * The one cancellation command: cancel these lines (or the whole order) of this order.
 *
 * @param idempotencyKey optional; a replay with the same key returns the first outcome
 * @param restock whether the cancelled units go back to the seller's available stock (false for
 *     goods that are damaged or lost)
 * @param channelDefault the policy of the channel the command came through (a dialect whose
 *     platform has rules of its own), used when the seller has set no policy; null for {@link
 *     CancellationPolicy#DEFAULT}
 */
public record CancelLines(
        OrderRef order,
        Scope scope,
        CancelReason reason,
        String note,
        String idempotencyKey,
        boolean restock,
        CancellationPolicy channelDefault) {

    public CancelLines(
            OrderRef order, Scope scope, CancelReason reason, String note, String idempotencyKey, boolean restock) {
        this(order, scope, reason, note, idempotencyKey, restock, null);
    }

    /** A command that restocks the cancelled units, as most cancels do. */
    public CancelLines(OrderRef order, Scope scope, CancelReason reason, String note, String idempotencyKey) {
        this(order, scope, reason, note, idempotencyKey, true);
    }

    /** The order, by id or by the tenant's running number. */
    public sealed interface OrderRef {
        record ById(UUID id) implements OrderRef {}

        record ByNumber(long number) implements OrderRef {}
    }

    public sealed interface Scope {}

    /** Every line that still has open quantity, all of it. */
    public record WholeOrder() implements Scope {}

    public record Lines(List<LineCancel> lines) implements Scope {
        public Lines {
            lines = List.copyOf(lines);
        }
    }

    /**
     * @param quantity units to cancel; null for all that is open
     * @param amounts money to cancel; null (or null parts) to prorate from the line
     */
    public record LineCancel(LineRef line, Long quantity, RequestedAmounts amounts) {}

    /** Amounts a client states; each part left null is prorated. */
    public record RequestedAmounts(
            String currency,
            BigDecimal price,
            BigDecimal shippingPrice,
            List<Amounts.Tax> taxes,
            List<Amounts.Tax> shippingTaxes) {}
}
