package io.rescind.cancellation;

import java.util.List;
import java.util.UUID;

/**
 * Published synchronously inside the transaction that applied a cancellation, so that listeners
 * (inventory) make their own changes in the same transaction, or fail it.
 *
 * @param restock whether the command asked for the units to go back to stock
 */
public record CancellationApplied(
        UUID tenantId,
        UUID orderId,
        UUID sellerId,
        UUID cancellationId,
        UUID actor,
        boolean restock,
        List<CancelledUnits> lines) {

    /** Units of one line that were open (never shipped) and are now cancelled. */
    public record CancelledUnits(UUID lineId, int lineNumber, String productId, long quantity) {}

    public CancellationApplied {
        lines = List.copyOf(lines);
    }
}
