package io.rescind.orders.web;

import io.rescind.orders.Amounts;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The canonical API's JSON for orders. */
final class OrderViews {

    private OrderViews() {}

    record OrderView(
            UUID id,
            long number,
            String orderNumber,
            UUID buyerId,
            UUID sellerId,
            String currency,
            Instant createdAt,
            Instant updatedAt,
            long version,
            List<LineView> lines) {

        static OrderView of(PurchaseOrder order) {
            return new OrderView(
                    order.id(),
                    order.number(),
                    order.buyerOrderNumber(),
                    order.buyerId(),
                    order.sellerId(),
                    order.currency(),
                    order.createdAt(),
                    order.updatedAt(),
                    order.version(),
                    order.lines().stream().map(LineView::of).toList());
        }
    }

    record LineView(
            UUID id,
            int number,
            String position,
            String productId,
            String description,
            LineStatus status,
            long quantity,
            long shippedQuantity,
            long cancelledQuantity,
            long pendingCancelQuantity,
            long openQuantity,
            BigDecimal unitPrice,
            Amounts totals,
            Amounts cancelled,
            long version) {

        static LineView of(OrderLine line) {
            return new LineView(
                    line.id(),
                    line.number(),
                    line.position(),
                    line.productId(),
                    line.description(),
                    line.status(),
                    line.quantity(),
                    line.shippedQuantity(),
                    line.cancelledQuantity(),
                    line.pendingCancelQuantity(),
                    line.openQuantity(),
                    line.unitPrice(),
                    line.totals(),
                    line.cancelled(),
                    line.version());
        }
    }

    record OrderPage(List<OrderView> items, String nextCursor) {}
}
