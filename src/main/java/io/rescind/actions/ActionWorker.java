package io.rescind.actions;

import io.rescind.QueueWorker;
import io.rescind.RescindException;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.orders.OrderLifecycle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the action queue of this instance. Each action runs in one transaction that holds its row
 * lock ({@code FOR UPDATE SKIP LOCKED}), so several instances share the queue and an action's
 * effect and its final status commit together: exactly once, also across crashes and restarts,
 * since an action whose run did not commit is simply still pending.
 *
 * <p>The engine runs inside a savepoint: a refusal or a failure rolls back what the action did
 * without losing the claim, so the outcome is recorded in the same transaction.
 *
 * <p>Only the oldest pending action of an ordering key is claimed, so the actions of one key run one
 * at a time, in order. An action whose order stays locked longer than {@code lock-wait} is put back
 * for the next round without counting as a run: a long change of one order holds up neither the
 * worker nor other orders.
 */
@Component
class ActionWorker extends QueueWorker {

    private static final Logger log = LoggerFactory.getLogger(ActionWorker.class);

    private sealed interface Outcome {}

    private record Succeeded(List<UUID> cancellationIds) implements Outcome {}

    private record Failed(List<Action.Error> errors) implements Outcome {}

    private record Busy() implements Outcome {}

    private final ActionStore store;
    private final CancellationEngine engine;
    private final OrderLifecycle lifecycle;
    private final WorkerProperties properties;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoint;

    ActionWorker(
            ActionStore store,
            CancellationEngine engine,
            OrderLifecycle lifecycle,
            WorkerProperties properties,
            PlatformTransactionManager transactionManager) {
        super("action-worker", properties.threads(), properties.pollInterval(), properties.enabled());
        this.store = store;
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Tells the worker that an action was just accepted, so it need not wait for its next poll. */
    void nudge() {
        wakeOne();
    }

    /** Runs the next due action, if there is one; tells whether there was. */
    @Override
    public boolean runNext() {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            var claimed = store.claimNext();
            claimed.ifPresent(this::run);
            return claimed.isPresent();
        }));
    }

    private void run(ActionStore.Claimed claimed) {
        var action = claimed.action();
        var tenant = claimed.caller().tenantId();
        Outcome outcome;
        try {
            outcome = savepoint.execute(status -> apply(claimed, status));
        } catch (RescindException invalid) {
            outcome = new Failed(List.of(new Action.Error(invalid.code(), invalid.getMessage(), null)));
        } catch (DataIntegrityViolationException broken) {
            // The command breaks a rule of the data model: running it again cannot help.
            log.warn("Action {} refused by a database constraint", action.id(), broken);
            outcome = new Failed(List.of(
                    new Action.Error("constraint-violation", "The command breaks a rule of the data model", null)));
        } catch (RuntimeException fault) {
            int attempts = claimed.attempts() + 1;
            if (attempts < properties.maxAttempts()) {
                log.warn("Action {} failed (attempt {}); retrying later", action.id(), attempts, fault);
                store.retryLater(tenant, action.id(), Instant.now().plus(properties.delayAfter(attempts)));
                return;
            }
            log.error("Action {} failed {} times; giving up", action.id(), attempts, fault);
            outcome = new Failed(
                    List.of(new Action.Error("internal-error", "The action could not be carried out", null)));
        }
        switch (outcome) {
            case Busy busy -> store.defer(tenant, action.id(), Instant.now().plus(properties.pollInterval()));
            case Succeeded succeeded ->
                store.finish(tenant, action.id(), Action.Status.SUCCESS, List.of(), succeeded.cancellationIds());
            case Failed failed -> store.finish(tenant, action.id(), Action.Status.FAILED, failed.errors(), List.of());
        }
    }

    /**
     * Runs the action's steps in order; the first refusal fails the action and undoes the rest. An
     * amendment refuses line by line and records that itself, so as a step it always goes through.
     */
    private Outcome apply(ActionStore.Claimed claimed, TransactionStatus status) {
        var caller = claimed.caller();
        var ids = new ArrayList<UUID>();
        for (var step : claimed.steps()) {
            // Only the first step can wait: after it, this transaction holds the order's lock.
            switch (step) {
                case Step.Amend amend -> {
                    if (lifecycle
                            .amend(caller, amend.amendment(), properties.lockWait())
                            .isEmpty()) {
                        status.setRollbackOnly();
                        return new Busy();
                    }
                }
                case Step.Cancel cancel -> {
                    var ran = engine.tryCancel(caller, cancel.command(), properties.lockWait());
                    if (ran.isEmpty()) {
                        status.setRollbackOnly();
                        return new Busy();
                    }
                    switch (ran.get()) {
                        case CancelOutcome.Applied applied ->
                            ids.add(applied.cancellation().id());
                        // Carried out as far as the engine goes: the request now awaits the
                        // counterparty, and the cancellation it names shows that (status PENDING).
                        case CancelOutcome.Pending pending ->
                            ids.add(pending.cancellation().id());
                        case CancelOutcome.Refused refused -> {
                            if (!ids.isEmpty()) {
                                // Earlier commands of this action applied: all or nothing.
                                status.setRollbackOnly();
                            }
                            return new Failed(refused.cancellation().refusals().stream()
                                    .map(r -> new Action.Error(r.reason().slug(), r.detail(), r.lineId()))
                                    .toList());
                        }
                    }
                }
            }
        }
        return new Succeeded(ids);
    }
}
