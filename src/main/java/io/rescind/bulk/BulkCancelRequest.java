package io.rescind.bulk;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A bulk cancellation as a client asks for it: the orders (and lines) it names, or a selection of
 * open lines, with one reason and note for all of them.
 *
 * @param reason a canonical cancel reason ({@code OUT_OF_STOCK} ...)
 * @param orders the orders, each with the lines to cancel (none named: everything open on it)
 * @param selection instead of {@code orders}: every open line matching all the filters given
 * @param dryRun answer what would happen now, order by order, and change nothing
 * @param restock whether the cancelled units go back to stock (default true)
 */
public record BulkCancelRequest(
        @NotBlank String reason,
        @Size(max = 1000) String note,
        @Size(max = 10_000) List<@Valid @NotNull OrderEntry> orders,
        @Valid Selection selection,
        Boolean dryRun,
        Boolean restock) {

    @AssertTrue(message = "give either orders (at least one) or a selection, not both")
    boolean isOrdersOrSelection() {
        return (orders != null && !orders.isEmpty()) != (selection != null);
    }

    boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    boolean isRestock() {
        return restock == null || restock;
    }

    /** An order by {@code orderId} or by {@code orderNumber}, and the lines of it to cancel. */
    public record OrderEntry(
            UUID orderId,
            @Min(1) Long orderNumber,
            @Size(max = 500) List<@Valid @NotNull LineEntry> lines) {

        @AssertTrue(message = "name the order by exactly one of orderId or orderNumber")
        boolean isOneOrderReference() {
            return (orderId == null) != (orderNumber == null);
        }
    }

    /**
     * A line by exactly one of {@code lineId}, {@code lineNumber} or {@code position}, and how many
     * of its units to cancel (none: all that is open).
     */
    public record LineEntry(
            UUID lineId,
            @Min(1) Integer lineNumber,
            @Size(min = 1, max = 50) String position,
            @Min(1) @Max(1_000_000_000) Long quantity) {

        @AssertTrue(message = "name the line by exactly one of lineId, lineNumber or position")
        boolean isOneLineReference() {
            return Stream.of(lineId, lineNumber, position)
                            .filter(x -> x != null)
                            .count()
                    == 1;
        }
    }

    /**
     * Open lines of the caller's visible orders matching every filter given: a product (SKU), a
     * seller, a buyer, orders placed before an instant.
     */
    public record Selection(
            @Size(min = 1, max = 200) String productId, UUID sellerId, UUID buyerId, Instant placedBefore) {

        @AssertTrue(message = "a selection needs at least one of productId, sellerId, buyerId, placedBefore")
        boolean isNarrowed() {
            return productId != null || sellerId != null || buyerId != null || placedBefore != null;
        }
    }
}
