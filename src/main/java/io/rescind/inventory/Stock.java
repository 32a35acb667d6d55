package io.rescind.inventory;

import java.time.Instant;
import java.util.UUID;

/** How many units of a SKU a seller has available to sell. */
public record Stock(UUID sellerId, String sku, long available, Instant updatedAt) {}
