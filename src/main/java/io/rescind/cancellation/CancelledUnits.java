package io.rescind.cancellation;

import io.rescind.orders.CancelReason;
import java.util.UUID;

/**
 * Units of one order line that stand cancelled for one reason and note, summed over the order's
 * cancellations that cancelled units (applied, accepted, or expired into acceptance).
 */
public record CancelledUnits(UUID lineId, CancelReason reason, String note, long units) {}
