package io.rescind.dialects.hlconnect;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import java.math.BigDecimal;

/**
 * One order line as HL Connect shows it. Rescind keeps no customer name, country of sale or
 * download links, so those stay absent; {@code asset_id} is the line's product id when that is a
 * number.
 */
record OrderItem(
        @JsonProperty("order_id") long orderId,
        @JsonProperty("order_line_id") int orderLineId,
        @JsonProperty("asset_id") Long assetId,
        @JsonProperty("customer") String customer,
        @JsonProperty("unit_price") BigDecimal unitPrice,
        @JsonProperty("line_item_price") BigDecimal lineItemPrice,
        @JsonProperty("quantity") long quantity,
        @JsonProperty("country_code") String countryCode,
        @JsonProperty("download_url") String downloadUrl,
        @JsonProperty("view_url") String viewUrl,
        @JsonProperty("status") String status) {

    static OrderItem of(PurchaseOrder order, OrderLine line) {
        return new OrderItem(
                order.number(),
                line.number(),
                assetId(line.productId()),
                null,
                line.unitPrice(),
                line.totals().price(),
                line.quantity(),
                null,
                null,
                null,
                status(line));
    }

    /**
     * HL Connect's words where it has one (PROCESSING, COMPLETED, FAILED), CANCELLED otherwise. A
     * shipped line is COMPLETED only when nothing of it is left open.
     */
    static String status(OrderLine line) {
        return switch (line.status()) {
            case ISSUED, IN_PROGRESS, CONFIRMED -> "PROCESSING";
            case SHIPPED -> line.openQuantity() > 0 ? "PROCESSING" : "COMPLETED";
            case COMPLETED -> "COMPLETED";
            case REJECTED -> "FAILED";
            case CANCELLED -> "CANCELLED";
        };
    }

    private static Long assetId(String productId) {
        if (productId == null
                || productId.isEmpty()
                || productId.length() > 18
                || !productId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(productId);
    }
}
