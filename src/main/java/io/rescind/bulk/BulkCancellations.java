package io.rescind.bulk;

import io.rescind.Fingerprint;
import io.rescind.RescindException;
import io.rescind.parties.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts bulk cancellations and tells how they are doing. Accepting resolves the orders (or the
 * selection) once and stores one row per order; the {@link BulkWorker}s then cancel them one order
 * per transaction. A job is seen by its requester and the tenant's operators.
 */
@Service
public class BulkCancellations {

    /** The most orders one job may hold. */
    static final int MAX_ORDERS = 100_000;

    private final BulkStore store;
    private final SingleOrderCancels cancels;
    private final BulkWorker worker;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final BulkProperties properties;

    BulkCancellations(
            BulkStore store,
            SingleOrderCancels cancels,
            BulkWorker worker,
            TransactionTemplate transactions,
            JsonMapper json,
            BulkProperties properties) {
        this.properties = properties;
        this.store = store;
        this.cancels = cancels;
        this.worker = worker;
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Accepts a bulk cancel (or answers its dry run). With an idempotency key, the same request
     * again returns the first job; a different request under the key is refused.
     */
    public Submission submit(Caller caller, BulkCancelRequest request, String idempotencyKey) {
        SingleOrderCancels.checkReason(request.reason());
        var terms = new Planned.Terms(request.reason(), request.note(), request.isRestock());
        if (request.isDryRun()) {
            var planned = plan(caller, request);
            if (planned.size() > properties.maxDryRun()) {
                throw new RescindException(
                        RescindException.Kind.UNPROCESSABLE,
                        "dry-run-too-large",
                        "A dry run answers for at most %d orders; this request names %d"
                                .formatted(properties.maxDryRun(), planned.size()));
            }
            var results = new ArrayList<OrderResult>();
            for (var order : planned) {
                var outcome = order.orderId() == null
                        ? new SingleOrderCancels.Outcome(
                                OrderResult.Status.REFUSED, null, 0, List.of(BulkStore.notFound()))
                        : cancels.preview(caller, order, terms);
                results.add(result(order, outcome));
            }
            return new Submission.DryRun(results);
        }
        var hash = Fingerprint.of(json, request);
        if (idempotencyKey != null) {
            var earlier = store.findByKey(caller, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(caller, earlier.get(), hash);
            }
        }
        var orders = plan(caller, request);
        var jobId = UUID.randomUUID();
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            transactions.executeWithoutResult(
                    tx -> store.insert(caller, jobId, terms, idempotencyKey, hash, orders, now));
        } catch (DuplicateKeyException raced) {
            // The same key was used concurrently: the first one stored its job.
            return replay(caller, store.findByKey(caller, idempotencyKey).orElseThrow(), hash);
        }
        worker.nudge();
        return new Submission.Accepted(get(caller, jobId), false);
    }

    private Submission replay(Caller caller, BulkStore.JobRow earlier, String hash) {
        if (!earlier.requestHash().equals(hash)) {
            throw new RescindException(
                    RescindException.Kind.UNPROCESSABLE,
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for a different bulk request");
        }
        return new Submission.Accepted(get(caller, earlier.id()), true);
    }

    /** The orders a request names, each once (lines named twice for one order are merged), in order. */
    private List<Planned> plan(Caller caller, BulkCancelRequest request) {
        if (request.selection() != null) {
            var selected = store.select(caller, request.selection(), MAX_ORDERS);
            if (selected.isEmpty()) {
                throw new RescindException(
                        RescindException.Kind.UNPROCESSABLE,
                        "nothing-selected",
                        "No open line of an order you can see matches the selection");
            }
            if (selected.size() > MAX_ORDERS) {
                throw new RescindException(
                        RescindException.Kind.UNPROCESSABLE,
                        "selection-too-large",
                        "The selection matches more than %d orders; narrow it".formatted(MAX_ORDERS));
            }
            return selected;
        }
        var found = store.resolve(
                caller,
                request.orders().stream()
                        .map(BulkCancelRequest.OrderEntry::orderId)
                        .filter(id -> id != null)
                        .distinct()
                        .toList(),
                request.orders().stream()
                        .map(BulkCancelRequest.OrderEntry::orderNumber)
                        .filter(number -> number != null)
                        .distinct()
                        .toList());
        // Keyed by the order when found, else by what was named, so that each order is worked once.
        var merged = new LinkedHashMap<Object, Planned>();
        for (var entry : request.orders()) {
            Object named = entry.orderId() != null ? entry.orderId() : entry.orderNumber();
            var order = found.get(named);
            var key = order == null ? named : order.orderId();
            var lines = entry.lines() == null ? List.<BulkCancelRequest.LineEntry>of() : entry.lines();
            merged.merge(
                    key,
                    new Planned(
                            0,
                            order == null ? null : order.orderId(),
                            order == null ? entry.orderNumber() : order.orderNumber(),
                            lines),
                    (first, second) -> {
                        // An order named once whole and once by lines is cancelled whole.
                        if (first.lines().isEmpty() || second.lines().isEmpty()) {
                            return new Planned(0, first.orderId(), first.orderNumber(), List.of());
                        }
                        var all = new ArrayList<>(first.lines());
                        all.addAll(second.lines());
                        return new Planned(0, first.orderId(), first.orderNumber(), all);
                    });
        }
        var planned = new ArrayList<Planned>(merged.size());
        for (var order : merged.values()) {
            planned.add(new Planned(planned.size() + 1, order.orderId(), order.orderNumber(), order.lines()));
        }
        return planned;
    }

    private static OrderResult result(Planned order, SingleOrderCancels.Outcome outcome) {
        return new OrderResult(
                order.seq(),
                order.orderId(),
                order.orderNumber(),
                outcome.status(),
                outcome.cancellationId(),
                outcome.units(),
                outcome.refusals());
    }

    /** The caller's jobs (an operator: every job of the tenant), newest first, created before {@code before}. */
    public List<BulkJob> list(Caller caller, Instant before, int limit) {
        return store.list(caller, before == null ? Instant.now().plusSeconds(1) : before, limit).stream()
                .map(row -> withProgress(caller, row))
                .toList();
    }

    /** The job with its progress, if the caller requested it (operators: any job of their tenant). */
    public BulkJob get(Caller caller, UUID jobId) {
        return withProgress(caller, store.find(caller, jobId).orElseThrow(() -> RescindException.notFound("Bulk job")));
    }

    private BulkJob withProgress(Caller caller, BulkStore.JobRow row) {
        var jobId = row.id();
        var counted = store.progress(caller.tenantId(), jobId);
        var progress = counted.counts();
        var status = row.cancelled()
                ? BulkJob.Status.CANCELLED
                : progress.done() == progress.total() ? BulkJob.Status.COMPLETED : BulkJob.Status.RUNNING;
        var last = counted.lastFinishedAt();
        var updatedAt = last == null || last.isBefore(row.updatedAt()) ? row.updatedAt() : last;
        return new BulkJob(
                row.id(), row.requestedBy(), status, row.reason(), row.note(), progress, row.createdAt(), updatedAt);
    }

    /** A page of the job's results, in the job's order, after the result {@code afterSeq}. */
    public List<OrderResult> results(Caller caller, UUID jobId, int afterSeq, OrderResult.Status status, int limit) {
        store.find(caller, jobId).orElseThrow(() -> RescindException.notFound("Bulk job"));
        return store.results(caller.tenantId(), jobId, afterSeq, status, limit);
    }

    /** Every result of the job, page by page, for a download of any size. */
    public void eachResult(Caller caller, UUID jobId, Consumer<List<OrderResult>> page) {
        store.find(caller, jobId).orElseThrow(() -> RescindException.notFound("Bulk job"));
        int after = 0;
        while (true) {
            var results = store.results(caller.tenantId(), jobId, after, null, 1000);
            if (results.isEmpty()) {
                return;
            }
            page.accept(results);
            after = results.getLast().seq();
        }
    }

    /**
     * Stops a running job between two orders: the order being worked finishes, the others are
     * skipped. Cancelling a cancelled job again changes nothing; a completed one is a conflict.
     */
    public BulkJob cancel(Caller caller, UUID jobId) {
        var row = store.find(caller, jobId).orElseThrow(() -> RescindException.notFound("Bulk job"));
        if (!row.cancelled()) {
            var job = get(caller, jobId);
            if (job.status() == BulkJob.Status.COMPLETED) {
                throw new RescindException(
                        RescindException.Kind.CONFLICT,
                        "job-completed",
                        "The job has finished; there is nothing to stop");
            }
            transactions.executeWithoutResult(tx -> store.cancel(caller.tenantId(), jobId));
        }
        return get(caller, jobId);
    }
}
