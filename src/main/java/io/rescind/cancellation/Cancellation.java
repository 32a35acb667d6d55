package io.rescind.cancellation;

import io.rescind.orders.Amounts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored cancellation request and what became of it. */
public record Cancellation(
        UUID id,
        UUID orderId,
        UUID requestedBy,
        Status status,
        CancelReason reason,
        String note,
        String idempotencyKey,
        List<CancelledLine> lines,
        List<Refusal> refusals,
        Instant createdAt) {

    public enum Status {
        APPLIED,
        REFUSED
    }

    public record CancelledLine(UUID lineId, int lineNumber, String position, long quantity, Amounts amounts) {}

    /** A line the policy refused, or the order as a whole when {@code lineId} is null. */
    public record Refusal(UUID lineId, Integer lineNumber, String position, RefusalReason reason, String detail) {}

    public Cancellation {
        lines = List.copyOf(lines);
        refusals = List.copyOf(refusals);
    }
}
