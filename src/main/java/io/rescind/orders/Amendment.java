package io.rescind.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A buyer's update of its order: lines by position, a new position being a new line; then the
 * lines the buyer marks completed. A null field of a line keeps what the line has.
 */
public record Amendment(UUID orderId, List<LineContent> lines, List<String> complete) {

    /** What a line should be. For a new position, product, quantity and unit price are required. */
    public record LineContent(
            String position, String productId, String description, Long quantity, BigDecimal unitPrice) {}

    public Amendment {
        lines = List.copyOf(lines);
        complete = List.copyOf(complete);
    }
}
