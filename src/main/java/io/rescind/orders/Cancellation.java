package io.rescind.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored cancellation request and what became of it.
 *
 * @param deciderId for a request that needs approval: the party whose decision it awaits
 * @param expiresAt when an undecided request expires with {@code onExpiry}
 * @param decidedBy who accepted or rejected it; null when it expired
 */
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
        Instant createdAt,
        UUID deciderId,
        Instant expiresAt,
        CancellationPolicy.OnExpiry onExpiry,
        UUID decidedBy,
        Instant decidedAt) {

    /**
     * APPLIED and REFUSED are immediate answers. A cancel that needs the counterparty's approval
     * is PENDING until it is ACCEPTED, REJECTED or EXPIRED (with the policy's {@code onExpiry}).
     */
    public enum Status {
        APPLIED,
        REFUSED,
        PENDING,
        ACCEPTED,
        REJECTED,
        EXPIRED
    }

    /** For a pending request, {@code amounts} are those quoted when it was made. */
    public record CancelledLine(UUID lineId, int lineNumber, String position, long quantity, Amounts amounts) {}

    /** A line the policy refused, or the order as a whole when {@code lineId} is null. */
    public record Refusal(UUID lineId, Integer lineNumber, String position, RefusalReason reason, String detail) {}

    public Cancellation {
        lines = List.copyOf(lines);
        refusals = List.copyOf(refusals);
    }

    /** An immediate answer, with no approval involved. */
    public Cancellation(
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
        this(
                id,
                orderId,
                requestedBy,
                status,
                reason,
                note,
                idempotencyKey,
                lines,
                refusals,
                createdAt,
                null,
                null,
                null,
                null,
                null);
    }

    /** Whether the cancelled quantity was (or will be, if undecided) taken off the lines. */
    public boolean cancelsUnits() {
        return switch (status) {
            case APPLIED, ACCEPTED -> true;
            case EXPIRED -> onExpiry == CancellationPolicy.OnExpiry.ACCEPT;
            case REFUSED, PENDING, REJECTED -> false;
        };
    }

    /** This cancellation as a refusal of the whole request, for a replay that must say why nothing was cancelled. */
    public Cancellation refusedAs(RefusalReason reason, String detail) {
        return new Cancellation(
                id,
                orderId,
                requestedBy,
                status,
                this.reason,
                note,
                idempotencyKey,
                lines,
                List.of(new Refusal(null, null, null, reason, detail)),
                createdAt,
                deciderId,
                expiresAt,
                onExpiry,
                decidedBy,
                decidedAt);
    }

    Cancellation decided(Status outcome, List<CancelledLine> finalLines, UUID by, Instant at) {
        return new Cancellation(
                id,
                orderId,
                requestedBy,
                outcome,
                reason,
                note,
                idempotencyKey,
                finalLines,
                refusals,
                createdAt,
                deciderId,
                expiresAt,
                onExpiry,
                by,
                at);
    }
}
