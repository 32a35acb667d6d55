package io.rescind.actions;

import io.rescind.RescindException;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.orders.CancelLines;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts commands for asynchronous execution and tells what became of them. Accepting only checks
 * that the caller can see the order; everything else is decided by the engine when a worker runs
 * the action, and recorded on it.
 *
 * <p>Actions accepted under the same <em>ordering key</em> run one at a time, in the order they were
 * accepted ({@link #runOrQueue}); actions without a key are independent of each other.
 */
@Service
public class Actions {

    private final ActionStore store;
    private final PurchaseOrders orders;
    private final ActionWorker worker;
    private final CancellationEngine engine;
    private final OrderLifecycle lifecycle;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;

    Actions(
            ActionStore store,
            PurchaseOrders orders,
            ActionWorker worker,
            CancellationEngine engine,
            OrderLifecycle lifecycle,
            PlatformTransactionManager transactionManager) {
        this.store = store;
        this.orders = orders;
        this.worker = worker;
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Carries out the steps of one message about one order in the given order, now if it can be
     * done at once, else later and still in order. They run now, in one transaction, when nothing
     * is queued under {@code orderingKey} and the order's lock can be had within {@code lockBudget}.
     * Otherwise none of them runs now: each becomes its own action queued behind everything
     * accepted earlier under the key, run by a worker once those have finished.
     *
     * <p>Deciding and acting happen under the key's lock, so of two submissions under one key, the
     * one that got the key first is carried out first, whichever way each goes. Throws not-found
     * when the caller cannot see the order; a refusal of a step itself (an unknown line, a
     * malformed amendment) leaves nothing done or queued.
     */
    public Submission runOrQueue(Caller caller, String orderingKey, List<Step> steps, Duration lockBudget) {
        if (steps.isEmpty()) {
            return new Submission.Ran(List.of());
        }
        var orderId = singleOrder(caller, steps.stream().map(step -> orderId(caller, step)));
        var submission = transactions.execute(tx -> {
            store.lockKey(caller.tenantId(), orderingKey);
            if (!store.hasPending(caller.tenantId(), orderingKey)) {
                var outcomes = savepoint.execute(status -> {
                    var ran = new ArrayList<CancelOutcome>();
                    for (var step : steps) {
                        var done = switch (step) {
                            case Step.Cancel cancel ->
                                engine.tryCancel(caller, cancel.command(), lockBudget)
                                        .map(ran::add);
                            case Step.Amend amend -> lifecycle.amend(caller, amend.amendment(), lockBudget);
                        };
                        if (done.isEmpty()) {
                            // The order stayed locked: undo whatever ran, and queue it all.
                            status.setRollbackOnly();
                            return null;
                        }
                    }
                    return ran;
                });
                if (outcomes != null) {
                    return (Submission) new Submission.Ran(outcomes);
                }
            }
            var queued = new ArrayList<Action>();
            for (var step : steps) {
                var action =
                        newAction(caller, orderId, step instanceof Step.Amend ? Action.Type.AMEND : Action.Type.CANCEL);
                store.insert(caller, action, step, orderingKey);
                queued.add(action);
            }
            return new Submission.Queued(queued);
        });
        if (submission instanceof Submission.Queued) {
            worker.nudge();
        }
        return submission;
    }

    /**
     * Accepts cancellations of one order to be applied together, all or nothing, in the given
     * order. Throws not-found when the caller cannot see the order.
     */
    public Action acceptCancel(Caller caller, List<CancelLines> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("An action needs at least one command");
        }
        var action = newAction(
                caller,
                singleOrder(caller, commands.stream().map(command -> orderId(caller, command))),
                Action.Type.CANCEL);
        store.insert(caller, action, commands);
        worker.nudge();
        return action;
    }

    private static UUID singleOrder(Caller caller, Stream<UUID> orderIdsNamed) {
        var orderIds = orderIdsNamed.distinct().toList();
        if (orderIds.size() != 1) {
            throw new IllegalArgumentException("The commands must name one order");
        }
        return orderIds.getFirst();
    }

    private static Action newAction(Caller caller, UUID orderId, Action.Type type) {
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return new Action(
                UUID.randomUUID(),
                type,
                orderId,
                caller.partyId(),
                Action.Status.PENDING,
                List.of(),
                List.of(),
                now,
                now);
    }

    public Action acceptCancel(Caller caller, CancelLines command) {
        return acceptCancel(caller, List.of(command));
    }

    /** The newest actions the caller requested (an operator: the tenant's); {@code status} null for all. */
    public List<Action> recent(Caller caller, Action.Status status, int limit) {
        return store.recent(caller, status, limit);
    }

    /** The action, if the caller requested it (operators see every action of their tenant). */
    public Action get(Caller caller, UUID actionId) {
        return store.find(caller, actionId).orElseThrow(() -> RescindException.notFound("Action"));
    }

    private UUID orderId(Caller caller, Step step) {
        return switch (step) {
            case Step.Cancel cancel -> orderId(caller, cancel.command());
            case Step.Amend amend ->
                orders.find(caller, amend.amendment().orderId())
                        .orElseThrow(() -> RescindException.notFound("Order"))
                        .id();
        };
    }

    private UUID orderId(Caller caller, CancelLines command) {
        var order = switch (command.order()) {
            case CancelLines.OrderRef.ById byId -> orders.find(caller, byId.id());
            case CancelLines.OrderRef.ByNumber byNumber -> orders.findByNumber(caller, byNumber.number());
        };
        return order.orElseThrow(() -> RescindException.notFound("Order")).id();
    }
}
