package io.rescind.bulk;

import io.rescind.QueueWorker;
import io.rescind.RescindException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the queued orders of every bulk job, one order per transaction: claim its row ({@code FOR
 * UPDATE SKIP LOCKED}), cancel through the engine, record the result, commit. The engine's change
 * and the order's result commit together, so any number of instances share the jobs, and after a
 * crash an order whose run did not commit is simply still queued. Each cancel also carries an
 * idempotency key derived from the job and the order, so that even a row put back by hand is
 * answered from the first cancel instead of cancelling again.
 */
@Component
class BulkWorker extends QueueWorker {

    private static final Logger log = LoggerFactory.getLogger(BulkWorker.class);

    private final BulkStore store;
    private final SingleOrderCancels cancels;
    private final BulkProperties properties;
    private final TransactionTemplate transactions;

    BulkWorker(
            BulkStore store,
            SingleOrderCancels cancels,
            BulkProperties properties,
            PlatformTransactionManager transactionManager) {
        super("bulk-worker", properties.threads(), properties.pollInterval(), properties.enabled());
        this.store = store;
        this.cancels = cancels;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** The idempotency key of one order's cancel in a job: the same on every run of it. */
    static String idempotencyKey(BulkStore.Claimed claimed) {
        return "bulk:" + claimed.jobId() + ":" + claimed.order().orderId();
    }

    /** Wakes every thread of this instance's worker: a new job has orders for all of them. */
    void nudge() {
        wakeAll();
    }

    /** Cancels the next queued order of any job, if there is one; tells whether there was. */
    @Override
    public boolean runNext() {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            var claimed = store.claimNext();
            claimed.ifPresent(this::run);
            return claimed.isPresent();
        }));
    }

    private void run(BulkStore.Claimed claimed) {
        var order = claimed.order();
        try {
            var outcome = cancels.cancel(
                    claimed.caller(), order, claimed.terms(), idempotencyKey(claimed), properties.lockWait());
            if (outcome.isEmpty()) {
                // The order stayed locked by a long change: later, without counting a run.
                store.retryLater(
                        claimed.tenantId(),
                        claimed.jobId(),
                        order.seq(),
                        Instant.now().plus(properties.backoff()),
                        false);
                return;
            }
            store.finish(claimed.tenantId(), claimed.jobId(), order.seq(), outcome.get());
        } catch (RescindException invalid) {
            store.finish(claimed.tenantId(), claimed.jobId(), order.seq(), SingleOrderCancels.refused(invalid));
        } catch (RuntimeException fault) {
            int attempts = claimed.attempts() + 1;
            if (attempts < properties.maxAttempts()) {
                log.warn(
                        "Bulk job {} order {} failed (attempt {}); retrying later",
                        claimed.jobId(),
                        order.orderId(),
                        attempts,
                        fault);
                store.retryLater(
                        claimed.tenantId(),
                        claimed.jobId(),
                        order.seq(),
                        Instant.now().plus(properties.backoff().multipliedBy(attempts)),
                        true);
                return;
            }
            log.error(
                    "Bulk job {} order {} failed {} times; giving up",
                    claimed.jobId(),
                    order.orderId(),
                    attempts,
                    fault);
            store.finish(
                    claimed.tenantId(),
                    claimed.jobId(),
                    order.seq(),
                    new SingleOrderCancels.Outcome(
                            OrderResult.Status.FAILED,
                            null,
                            0,
                            List.of(new OrderResult.Refusal(
                                    "internal-error", null, null, "The order could not be cancelled"))));
        }
    }
}
