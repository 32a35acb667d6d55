package io.rescind.cancellation;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.orders.LineKeys;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Un-cancels cancelled lines, for the buyer that cancelled them by mistake. */
@Service
public class Reverts {

    private final PurchaseOrders orders;
    private final TransactionTemplate transactions;

    Reverts(PurchaseOrders orders, TransactionTemplate transactions) {
        this.orders = orders;
        this.transactions = transactions;
    }

    /**
     * Each named line returns to the status it had when it was cancelled, its units open again.
     * Buyers and operators revert; {@code version} is the order's version the caller saw, and a
     * stale one is a conflict. All or nothing; whatever reacted to the cancel (inventory) undoes it
     * in the same transaction or refuses the whole revert.
     */
    public PurchaseOrder revert(Caller caller, UUID orderId, List<String> positions, String reason, long version) {
        if (caller.role() == PartyRole.SELLER) {
            throw new RescindException(
                    Kind.FORBIDDEN, "not-allowed-for-role", "Only the buyer reverts its cancellations");
        }
        return transactions.execute(tx -> {
            var order = orders.lock(caller, orderId, new LineKeys(Set.of(), Set.of(), Set.copyOf(positions)))
                    .orElseThrow(() -> RescindException.notFound("Order"));
            if (order.version() != version) {
                throw new RescindException(
                        Kind.CONFLICT,
                        "stale-version",
                        "The order is at version %d, not %d".formatted(order.version(), version));
            }
            orders.save(order.revert(positions, reason), caller.partyId());
            return orders.find(caller, orderId).orElseThrow();
        });
    }
}
