package io.rescind.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * A page of orders: optional filters, and where the previous page ended.
 *
 * @param createdSince orders created at or after this instant
 * @param createdBefore orders created before this instant
 * @param productId orders with a line of this product
 * @param orderNumber the order with this buyer's order number (one per buyer)
 */
public record OrderQuery(
        LineStatus status,
        UUID buyerId,
        UUID sellerId,
        Instant updatedSince,
        long afterNumber,
        int limit,
        Instant createdSince,
        Instant createdBefore,
        String productId,
        String orderNumber) {

    public OrderQuery(
            LineStatus status,
            UUID buyerId,
            UUID sellerId,
            Instant updatedSince,
            long afterNumber,
            int limit,
            Instant createdSince,
            Instant createdBefore,
            String productId) {
        this(status, buyerId, sellerId, updatedSince, afterNumber, limit, createdSince, createdBefore, productId, null);
    }

    public OrderQuery(
            LineStatus status, UUID buyerId, UUID sellerId, Instant updatedSince, long afterNumber, int limit) {
        this(status, buyerId, sellerId, updatedSince, afterNumber, limit, null, null, null, null);
    }
}
