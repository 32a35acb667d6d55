package io.rescind.cancellation;

import io.rescind.orders.OrderChange;
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

    record CancellationRefused(
            UUID cancellationId, UUID orderId, CancelReason reason, List<Cancellation.Refusal> refusals)
            implements OrderChange {
        @Override
        public String type() {
            return "order.cancellation_refused";
        }
    }
}
