package io.rescind.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The changes cancelling makes to an order; each is one history entry and one event. */
public final class CancellationEvents {

    private CancellationEvents() {}

    /** @param restock whether the cancelled units go back to the seller's stock */
    public record LinesCancelled(
            UUID cancellationId,
            UUID orderId,
            CancelReason reason,
            String note,
            List<Cancellation.CancelledLine> lines,
            boolean restock)
            implements OrderChange {
        @Override
        public String type() {
            return "order.lines_cancelled";
        }
    }

    /** Cancelled lines un-cancelled: each back to the status it had, its units open again. */
    public record CancellationReverted(UUID orderId, String reason, List<RevertedLine> lines) implements OrderChange {
        @Override
        public String type() {
            return "cancellation.reverted";
        }
    }

    public record RevertedLine(
            UUID lineId, int lineNumber, String position, long quantity, LineStatus from, LineStatus to) {}

    public record CancellationRefused(
            UUID cancellationId, UUID orderId, CancelReason reason, List<Cancellation.Refusal> refusals)
            implements OrderChange {
        @Override
        public String type() {
            return "order.cancellation_refused";
        }
    }

    public record CancellationRequested(
            UUID cancellationId,
            UUID orderId,
            CancelReason reason,
            String note,
            List<Cancellation.CancelledLine> lines,
            UUID deciderId,
            Instant expiresAt)
            implements OrderChange {
        @Override
        public String type() {
            return "order.cancellation_requested";
        }
    }

    /** Accepted, rejected or expired; {@code type} says which. A null {@code decidedBy} is the expiry worker. */
    public record CancellationDecided(
            String type,
            UUID cancellationId,
            UUID orderId,
            Cancellation.Status status,
            UUID decidedBy,
            List<Cancellation.CancelledLine> lines)
            implements OrderChange {}
}
