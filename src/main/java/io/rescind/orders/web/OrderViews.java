package io.rescind.orders.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rescind.orders.Amounts;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.References;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> references,
            List<LineView> lines) {

        /** Without references: in lists, where reading them for every order would cost a query each. */
        static OrderView of(PurchaseOrder order) {
            return of(order, null);
        }

        /** @param references by the order's and each line's id, as {@code OrderLifecycle#references} gives them */
        static OrderView of(PurchaseOrder order, Map<UUID, References> references) {
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
                    references == null ? null : byChannel(references, order.id()),
                    order.lines().stream()
                            .map(line ->
                                    LineView.of(line, references == null ? null : byChannel(references, line.id())))
                            .toList());
        }

        private static Map<String, String> byChannel(Map<UUID, References> references, UUID id) {
            return references.getOrDefault(id, References.NONE).byChannel();
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
            long version,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> references) {

        static LineView of(OrderLine line) {
            return of(line, null);
        }

        static LineView of(OrderLine line, Map<String, String> references) {
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
                    line.version(),
                    references);
        }
    }

    record OrderPage(List<OrderView> items, String nextCursor) {}
}
