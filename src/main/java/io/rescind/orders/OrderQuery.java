package io.rescind.orders;

import java.time.Instant;
import java.util.UUID;

/** A page of orders: optional filters, and where the previous page ended. */
public record OrderQuery(
        LineStatus status, UUID buyerId, UUID sellerId, Instant updatedSince, long afterNumber, int limit) {}
