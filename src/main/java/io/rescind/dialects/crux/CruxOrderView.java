package io.rescind.dialects.crux;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rescind.orders.Cancellation;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as Crux's {@code GET /orders/{order_uuid}/} shows it. Fields Rescind does not hold
 * (addresses, SKU names, tracking) are left out; a pending cancel shows as {@code cancel_request}
 * on its line item.
 */
record CruxOrderView(
        UUID uuid,
        @JsonProperty("purchase_order_id") String purchaseOrderId,
        @JsonProperty("created_date") Instant createdDate,
        @JsonProperty("is_allocated") boolean isAllocated,
        Fees fees,
        Retailer retailer,
        @JsonProperty("line_items") List<LineItem> lineItems) {

    record Fees(
            @JsonProperty("estimated_shipping_cost") BigDecimal estimatedShippingCost,
            @JsonProperty("drop_ship_fee") BigDecimal dropShipFee,
            @JsonProperty("order_fee") BigDecimal orderFee) {}

    record Retailer(UUID uuid) {}

    record LineItem(
            UUID uuid,
            String status,
            @JsonProperty("sku_id") String skuId,
            @JsonProperty("item_name") String itemName,
            BigDecimal cost,
            @JsonProperty("supplier_uuid") UUID supplierUuid,
            @JsonProperty("tracking_numbers") List<Object> trackingNumbers,
            Allocation allocation,
            @JsonProperty("quantity_cancelled") long quantityCancelled,
            @JsonProperty("cancel_request") CancelRequest cancelRequest) {}

    record Allocation(
            @JsonProperty("quantity_ordered") long quantityOrdered,
            @JsonProperty("quantity_allocated") long quantityAllocated,
            @JsonProperty("quantity_backordered") long quantityBackordered,
            @JsonProperty("quantity_rejected") long quantityRejected,
            @JsonProperty("backorder_date") Instant backorderDate) {}

    /** A cancel awaiting a decision: Rescind's addition, as Crux shows no pending state. */
    record CancelRequest(
            String status,
            long quantity,
            @JsonProperty("requested_date") Instant requestedDate,
            @JsonProperty("expires_date") Instant expiresDate) {}

    static CruxOrderView of(PurchaseOrder order, List<Cancellation> pending) {
        var items =
                order.lines().stream().map(line -> item(order, line, pending)).toList();
        boolean allocated = items.stream()
                .filter(item -> !item.status().equals("Cancelled"))
                .allMatch(item ->
                        item.status().equals("Allocated") || item.status().equals("HasTracking"));
        var shipping = order.lines().stream()
                .map(line -> line.totals().shippingPrice())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        var zero = BigDecimal.ZERO.setScale(order.scale());
        return new CruxOrderView(
                order.id(),
                order.buyerOrderNumber(),
                order.createdAt(),
                allocated,
                new Fees(shipping, zero, zero),
                new Retailer(order.buyerId()),
                items);
    }

    private static LineItem item(PurchaseOrder order, OrderLine line, List<Cancellation> pending) {
        var request = pending.stream()
                .flatMap(c -> c.lines().stream()
                        .filter(held -> held.lineId().equals(line.id()))
                        .map(held -> new CancelRequest("Pending", held.quantity(), c.createdAt(), c.expiresAt())))
                .findFirst()
                .orElse(null);
        long live = line.quantity() - line.cancelledQuantity();
        return new LineItem(
                line.id(),
                status(line.status()),
                line.productId(),
                line.description(),
                line.unitPrice(),
                order.sellerId(),
                List.of(),
                new Allocation(
                        line.quantity(),
                        switch (line.status()) {
                            case CONFIRMED, SHIPPED, COMPLETED -> live;
                            default -> 0;
                        },
                        0,
                        line.status() == LineStatus.REJECTED ? live : 0,
                        null),
                line.cancelledQuantity(),
                request);
    }

    /** Rescind's line lifecycle in Crux's line item statuses; Backordered has no counterpart. */
    static String status(LineStatus status) {
        return switch (status) {
            case ISSUED, IN_PROGRESS -> "Unallocated";
            case CONFIRMED -> "Allocated";
            case REJECTED -> "Rejected";
            case SHIPPED, COMPLETED -> "HasTracking";
            case CANCELLED -> "Cancelled";
        };
    }
}
