package io.rescind.orders;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A purchase order between one buyer and one seller.
 *
 * @param number the tenant's running number (1, 2, 3 ...), for platforms that address orders by
 *     integer
 * @param buyerOrderNumber the buyer's own reference, unique per buyer
 */
public record PurchaseOrder(
        UUID tenantId,
        UUID id,
        long number,
        String buyerOrderNumber,
        UUID buyerId,
        UUID sellerId,
        String currency,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<OrderLine> lines) {

    public PurchaseOrder {
        lines = List.copyOf(lines);
    }

    /** Digits after the decimal point in this order's currency. */
    public int scale() {
        return java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    }

    public PurchaseOrder withLines(List<OrderLine> newLines) {
        return new PurchaseOrder(
                tenantId,
                id,
                number,
                buyerOrderNumber,
                buyerId,
                sellerId,
                currency,
                createdAt,
                updatedAt,
                version,
                newLines);
    }
}
