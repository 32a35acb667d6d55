package io.rescind.console;

import io.rescind.RescindException;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.orders.Cancellation;
import io.rescind.orders.HistoryEntry;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.OrderQuery;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Everything the console reads about orders, through the services the REST API calls: the one
 * place to re-point when those services change. Visibility is theirs, not the console's.
 */
@Component
class ConsoleOrders {

    /** A search as the orders page takes it; every part optional. */
    record Search(
            String number,
            LineStatus status,
            UUID buyerId,
            UUID sellerId,
            Instant createdSince,
            Instant createdBefore,
            long afterNumber,
            int limit) {}

    private final OrderLifecycle lifecycle;
    private final CancellationQueries cancellations;

    ConsoleOrders(OrderLifecycle lifecycle, CancellationQueries engine) {
        this.lifecycle = lifecycle;
        this.cancellations = engine;
    }

    /**
     * Orders matching the search. A number that is all digits finds the tenant's running number;
     * any other finds the buyer's own order number (the buyer is the caller, or the chosen buyer).
     */
    List<PurchaseOrder> search(Caller caller, Search search) {
        var number = search.number() == null ? "" : search.number().strip();
        if (!number.isEmpty()) {
            return byNumber(caller, number, search.buyerId());
        }
        return lifecycle.list(
                caller,
                new OrderQuery(
                        search.status(),
                        search.buyerId(),
                        search.sellerId(),
                        null,
                        search.afterNumber(),
                        search.limit(),
                        search.createdSince(),
                        search.createdBefore(),
                        null));
    }

    private List<PurchaseOrder> byNumber(Caller caller, String number, UUID buyerId) {
        var found = new java.util.ArrayList<PurchaseOrder>();
        if (number.chars().allMatch(Character::isDigit) && number.length() < 18) {
            find(() -> lifecycle.getByNumber(caller, Long.parseLong(number))).ifPresent(found::add);
        }
        var buyer = caller.role() == io.rescind.parties.PartyRole.BUYER ? caller.partyId() : buyerId;
        if (buyer != null) {
            lifecycle
                    .findByBuyerOrderNumber(caller, buyer, number)
                    .filter(order -> found.stream().noneMatch(o -> o.id().equals(order.id())))
                    .ifPresent(found::add);
        }
        return found;
    }

    /** The order, or not-found when the caller may not see it (as the API answers). */
    PurchaseOrder order(Caller caller, UUID orderId) {
        return lifecycle.get(caller, orderId);
    }

    List<HistoryEntry> history(Caller caller, UUID orderId) {
        return lifecycle.history(caller, orderId);
    }

    List<Cancellation> cancellations(Caller caller, UUID orderId) {
        return cancellations.list(caller, orderId);
    }

    private static Optional<PurchaseOrder> find(java.util.function.Supplier<PurchaseOrder> lookUp) {
        try {
            return Optional.of(lookUp.get());
        } catch (RescindException notVisible) {
            return Optional.empty();
        }
    }
}
