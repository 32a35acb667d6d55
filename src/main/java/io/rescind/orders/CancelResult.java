package io.rescind.orders;

import java.util.List;

/**
 * What a cancel did to an order: the order after it (its changes unsaved) and the cancellation to
 * store. The domain events are the order's {@link PurchaseOrder.Unsaved#changes()}.
 */
public sealed interface CancelResult {

    PurchaseOrder order();

    Cancellation cancellation();

    default List<OrderChange> events() {
        return order().unsaved().changes();
    }

    /** The units and their money are cancelled. */
    record Applied(PurchaseOrder order, Cancellation cancellation) implements CancelResult {}

    /** The units are held by a request awaiting the other side's decision. */
    record Requested(PurchaseOrder order, Cancellation cancellation) implements CancelResult {}

    /** Nothing changed; the refusal is recorded. */
    record Refused(PurchaseOrder order, Cancellation cancellation) implements CancelResult {}

    /** A pending request accepted, rejected or expired: the order after it and the request as decided. */
    record Concluded(PurchaseOrder order, Cancellation cancellation) {}
}
