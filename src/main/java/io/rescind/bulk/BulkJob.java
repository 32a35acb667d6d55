package io.rescind.bulk;

import java.time.Instant;
import java.util.UUID;

/**
 * A bulk cancellation and how far it got.
 *
 * @param status {@code RUNNING} while orders are queued, {@code COMPLETED} once every order has a
 *     result, {@code CANCELLED} once stopped by a client (orders not yet worked are skipped)
 */
public record BulkJob(
        UUID id,
        UUID requestedBy,
        Status status,
        String reason,
        String note,
        Progress progress,
        Instant createdAt,
        Instant updatedAt) {

    public enum Status {
        RUNNING,
        COMPLETED,
        CANCELLED
    }

    /**
     * Counts of orders by result; {@code done} is every order that has one, {@code units} the units
     * cancelled so far (held ones included for requests pending approval).
     */
    public record Progress(
            int total, int done, int applied, int refused, int pendingApproval, int skipped, int failed, long units) {}
}
