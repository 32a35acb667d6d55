package io.rescind.cancellation;

import java.util.List;
import java.util.UUID;

/**
 * Published synchronously inside the transaction that reverted cancelled lines, so that whatever
 * reacted to their cancel (inventory) can undo it in the same transaction, or fail it.
 */
public record CancellationReverted(UUID tenantId, UUID orderId, UUID sellerId, UUID actor, List<RevertedUnits> lines) {

    /** A line whose cancelled units are open again. */
    public record RevertedUnits(UUID lineId, int lineNumber, String productId, long quantity) {}

    public CancellationReverted {
        lines = List.copyOf(lines);
    }
}
