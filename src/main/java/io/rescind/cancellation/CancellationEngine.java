package io.rescind.cancellation;

import io.rescind.Fingerprint;
import io.rescind.RescindException;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelResult;
import io.rescind.orders.LineKeys;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cancels lines: one short transaction that locks the order, answers a replayed idempotency key
 * from its first outcome, asks the order to cancel under the seller's policy, and saves what the
 * order did together with the cancellation.
 */
@Service
public class CancellationEngine {

    private final PurchaseOrders orders;
    private final Cancellations cancellations;
    private final CancellationPolicies policies;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    CancellationEngine(
            PurchaseOrders orders,
            Cancellations cancellations,
            CancellationPolicies policies,
            TransactionTemplate transactions,
            JsonMapper json) {
        this.orders = orders;
        this.cancellations = cancellations;
        this.policies = policies;
        this.transactions = transactions;
        this.json = json;
    }

    public CancelOutcome cancel(Caller caller, CancelLines command) {
        var fingerprint = fingerprint(command);
        try {
            return transactions.execute(tx -> cancelLocked(caller, command, fingerprint));
        } catch (DuplicateKeyException raced) {
            // The same idempotency key was used concurrently on another order: the first one won,
            // and running again now finds it.
            return transactions.execute(tx -> cancelLocked(caller, command, fingerprint));
        }
    }

    /**
     * Like {@link #cancel}, but waits at most {@code lockBudget} for the order's lock; empty when
     * the order stayed locked (by a long change) that long, and nothing was changed or recorded.
     */
    public Optional<CancelOutcome> tryCancel(Caller caller, CancelLines command, Duration lockBudget) {
        var fingerprint = fingerprint(command);
        try {
            return Optional.of(transactions.execute(tx -> {
                orders.limitLockWait(lockBudget);
                return cancelLocked(caller, command, fingerprint);
            }));
        } catch (DuplicateKeyException raced) {
            return Optional.of(transactions.execute(tx -> cancelLocked(caller, command, fingerprint)));
        } catch (DataAccessException failed) {
            if (PurchaseOrders.lockNotAvailable(failed)) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    private String fingerprint(CancelLines command) {
        return command.idempotencyKey() == null ? null : Fingerprint.of(json, command);
    }

    private CancelOutcome cancelLocked(Caller caller, CancelLines command, String fingerprint) {
        var order = lock(caller, command).orElseThrow(() -> RescindException.notFound("Order"));
        if (command.idempotencyKey() != null) {
            var previous = cancellations.findByKey(caller.tenantId(), caller.partyId(), command.idempotencyKey());
            if (previous.isPresent()) {
                if (!previous.get().getValue().equals(fingerprint)) {
                    throw new RescindException(
                            RescindException.Kind.UNPROCESSABLE,
                            "idempotency-key-reused",
                            "This Idempotency-Key was used for a different request");
                }
                return CancelOutcome.of(previous.get().getKey(), true);
            }
        }
        var policy = policies.forSeller(order.tenantId(), order.sellerId(), command.channelDefault());
        var result = order.cancel(command, policy, caller, Instant.now());
        orders.save(result.order(), caller.partyId());
        cancellations.insert(order.tenantId(), result.cancellation(), fingerprint);
        return switch (result) {
            case CancelResult.Applied applied -> new CancelOutcome.Applied(applied.cancellation(), false);
            case CancelResult.Requested requested -> new CancelOutcome.Pending(requested.cancellation(), false);
            case CancelResult.Refused refused -> new CancelOutcome.Refused(refused.cancellation(), false);
        };
    }

    private Optional<PurchaseOrder> lock(Caller caller, CancelLines command) {
        var keys = LineKeys.of(command.scope());
        return switch (command.order()) {
            case CancelLines.OrderRef.ById byId -> orders.lock(caller, byId.id(), keys);
            case CancelLines.OrderRef.ByNumber byNumber -> orders.lockByNumber(caller, byNumber.number(), keys);
        };
    }
}
