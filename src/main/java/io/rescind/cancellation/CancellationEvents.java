package io.rescind.cancellation;

import io.rescind.orders.OrderChange;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class CancellationEvents {

    private CancellationEvents() {}

    record LinesCancelled(
            UUID cancellationId, UUID orderId, CancelReason reason, String note, List<Cancellation.CancelledLine> lines)
            implements OrderChange {
        @Override
        public String type() {
            return "order.lines_cancelled";
        }
    }

    /** Cancelled lines un-cancelled: each back to the status it had, its units open again. */
    record CancellationReverted(UUID orderId, String reason, List<RevertedLine> lines) implements OrderChange {
        @Override
        public String type() {
            return "cancellation.reverted";
        }
    }

    record RevertedLine(
            UUID lineId,
            int lineNumber,
            String position,
            long quantity,
            io.rescind.orders.LineStatus from,
            io.rescind.orders.LineStatus to) {}

    record CancellationRefused(
            UUID cancellationId, UUID orderId, CancelReason reason, List<Cancellation.Refusal> refusals)
            implements OrderChange {
        @Override
        public String type() {
            return "order.cancellation_refused";
        }
    }

    record CancellationRequested(
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
    record CancellationDecided(
            String type,
            UUID cancellationId,
            UUID orderId,
            Cancellation.Status status,
            UUID decidedBy,
            List<Cancellation.CancelledLine> lines)
            implements OrderChange {}
}
