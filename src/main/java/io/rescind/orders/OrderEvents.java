package io.rescind.orders;

import java.util.List;
import java.util.UUID;

/** The changes the order lifecycle makes. */
final class OrderEvents {

    private OrderEvents() {}

    record OrderCreated(
            UUID orderId,
            long orderNumber,
            String buyerOrderNumber,
            UUID buyerId,
            UUID sellerId,
            String currency,
            List<LineCreated> lines)
            implements OrderChange {
        @Override
        public String type() {
            return "order.created";
        }
    }

    record LineCreated(UUID lineId, int lineNumber, String position, String productId, long quantity) {}

    record LineMoved(
            String type,
            UUID orderId,
            UUID lineId,
            int lineNumber,
            String position,
            LineStatus from,
            LineStatus to,
            long shippedQuantity)
            implements OrderChange {}

    /** A buyer's update of the order's lines: what was added, changed, ignored and refused. */
    record OrderAmended(
            UUID orderId,
            List<LineAmendment.Added> added,
            List<LineAmendment.Changed> changed,
            List<LineAmendment.Ignored> ignored,
            List<LineAmendment.Refused> refused)
            implements OrderChange {
        @Override
        public String type() {
            return "order.amended";
        }
    }
}
