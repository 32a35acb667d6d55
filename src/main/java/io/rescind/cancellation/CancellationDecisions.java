package io.rescind.cancellation;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.orders.Cancellation;
import io.rescind.orders.LineKeys;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Concludes pending cancel requests: the counterparty accepts or rejects, or nobody did in time and
 * the request expires. Like every change, under the order's lock.
 */
@Service
public class CancellationDecisions {

    private final PurchaseOrders orders;
    private final Cancellations cancellations;
    private final TransactionTemplate transactions;

    CancellationDecisions(PurchaseOrders orders, Cancellations cancellations, TransactionTemplate transactions) {
        this.orders = orders;
        this.cancellations = cancellations;
        this.transactions = transactions;
    }

    /** Only the party the request awaits (or an operator) decides, and only once. */
    public Cancellation decide(Caller caller, DecideRequest request) {
        return transactions.execute(tx -> {
            var order = orders.lock(caller, request.orderId(), LineKeys.ALL)
                    .orElseThrow(() -> RescindException.notFound("Order"));
            var pending = cancellations
                    .find(order.tenantId(), order.id(), request.cancellationId())
                    .orElseThrow(() -> RescindException.notFound("Cancellation"));
            if (pending.status() == Cancellation.Status.PENDING
                    && !caller.isOperator()
                    && !caller.partyId().equals(pending.deciderId())) {
                throw new RescindException(
                        Kind.FORBIDDEN,
                        "not-the-decider",
                        "This request awaits the decision of the other party to the order");
            }
            return conclude(order, pending, outcome(request.verdict()), caller.partyId())
                    .cancellation();
        });
    }

    /**
     * Accepts or rejects, in one transaction, every pending request of an order that awaits the
     * caller (an operator: every pending request of the order).
     *
     * @return the requests decided; empty when none awaited the caller
     */
    public List<Cancellation> decideAll(Caller caller, UUID orderId, DecideRequest.Verdict verdict) {
        return transactions.execute(tx -> {
            var order =
                    orders.lock(caller, orderId, LineKeys.ALL).orElseThrow(() -> RescindException.notFound("Order"));
            var decided = new ArrayList<Cancellation>();
            for (var pending : cancellations.pendingOfOrder(order.tenantId(), order.id())) {
                if (caller.isOperator() || caller.partyId().equals(pending.deciderId())) {
                    var concluded = conclude(order, pending, outcome(verdict), caller.partyId());
                    // The decision changed lines: the next one must see them as they are now.
                    order = concluded.order();
                    decided.add(concluded.cancellation());
                }
            }
            return decided;
        });
    }

    /**
     * Expires requests nobody decided in time, each with the outcome its policy fixed. Claims them
     * with {@code SKIP LOCKED} and never waits for an order lock (a busy order is retried next
     * round), so any number of instances can run this at once without deadlocks.
     *
     * @return how many requests expired
     */
    public int expireDue(int limit) {
        return transactions.execute(tx -> {
            int expired = 0;
            for (var due : cancellations.claimDue(limit)) {
                var order = orders.tryLock(due.getKey(), due.getValue().orderId());
                if (order.isPresent()) {
                    conclude(order.get(), due.getValue(), Cancellation.Status.EXPIRED, null);
                    expired++;
                }
            }
            return expired;
        });
    }

    private record Saved(PurchaseOrder order, Cancellation cancellation) {}

    private Saved conclude(PurchaseOrder order, Cancellation pending, Cancellation.Status outcome, UUID by) {
        var concluded = order.conclude(pending, outcome, by, Instant.now());
        var saved = orders.save(concluded.order(), by);
        cancellations.decide(order.tenantId(), concluded.cancellation());
        return new Saved(saved, concluded.cancellation());
    }

    private static Cancellation.Status outcome(DecideRequest.Verdict verdict) {
        return switch (verdict) {
            case ACCEPT -> Cancellation.Status.ACCEPTED;
            case REJECT -> Cancellation.Status.REJECTED;
        };
    }
}
