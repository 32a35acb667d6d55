package io.rescind.bulk;

import io.rescind.RescindException;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelReason;
import io.rescind.orders.Cancellation;
import io.rescind.orders.LineRef;
import io.rescind.parties.Caller;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The only place where bulk jobs reach the cancellation engine: each order of a job becomes one
 * {@link CancelLines} command for the engine's single-order cancel, so a bulk cancel decides,
 * records and announces exactly what a single cancel would.
 */
@Component
class SingleOrderCancels {

    /** What the engine made of one order's cancel. */
    record Outcome(OrderResult.Status status, UUID cancellationId, long units, List<OrderResult.Refusal> refusals) {}

    private final CancellationEngine engine;
    private final TransactionTemplate savepoint;
    private final TransactionTemplate rolledBack;

    SingleOrderCancels(CancellationEngine engine, PlatformTransactionManager transactionManager) {
        this.engine = engine;
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.rolledBack = new TransactionTemplate(transactionManager);
        this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Checks a reason before a job is accepted: 400 when it is not a canonical one. */
    static void checkReason(String reason) {
        if (Arrays.stream(CancelReason.values()).noneMatch(known -> known.name().equals(reason))) {
            throw new RescindException(
                    RescindException.Kind.INVALID,
                    "invalid-request",
                    "'%s' is not a cancel reason; one of %s".formatted(reason, Arrays.toString(CancelReason.values())));
        }
    }

    /**
     * Cancels one order of a job inside the caller's transaction (under a savepoint, so that a
     * refusal of the command rolls back only its own work). Empty when the order stayed locked
     * longer than {@code lockWait}: nothing was done, try again later.
     */
    Optional<Outcome> cancel(
            Caller caller, Planned order, Planned.Terms terms, String idempotencyKey, Duration lockWait) {
        try {
            return savepoint.execute(status -> {
                var ran = engine.tryCancel(caller, command(order, terms, idempotencyKey), lockWait);
                if (ran.isEmpty()) {
                    status.setRollbackOnly();
                }
                return ran.map(SingleOrderCancels::outcome);
            });
        } catch (RescindException invalid) {
            return Optional.of(refused(invalid));
        }
    }

    /** What cancelling the order would do now, found by doing it in a transaction rolled back. */
    Outcome preview(Caller caller, Planned order, Planned.Terms terms) {
        try {
            return rolledBack.execute(status -> {
                status.setRollbackOnly();
                return outcome(engine.cancel(caller, command(order, terms, null)));
            });
        } catch (RescindException invalid) {
            return refused(invalid);
        }
    }

    static Outcome refused(RescindException invalid) {
        return new Outcome(
                OrderResult.Status.REFUSED,
                null,
                0,
                List.of(new OrderResult.Refusal(invalid.code(), null, null, invalid.getMessage())));
    }

    private static CancelLines command(Planned order, Planned.Terms terms, String idempotencyKey) {
        CancelLines.Scope scope = order.lines().isEmpty()
                ? new CancelLines.WholeOrder()
                : new CancelLines.Lines(order.lines().stream()
                        .map(line -> new CancelLines.LineCancel(ref(line), line.quantity(), null))
                        .toList());
        return new CancelLines(
                new CancelLines.OrderRef.ById(order.orderId()),
                scope,
                CancelReason.valueOf(terms.reason()),
                terms.note(),
                idempotencyKey,
                terms.restock());
    }

    private static LineRef ref(BulkCancelRequest.LineEntry line) {
        if (line.lineId() != null) {
            return new LineRef.ById(line.lineId());
        }
        return line.lineNumber() != null
                ? new LineRef.ByNumber(line.lineNumber())
                : new LineRef.ByPosition(line.position());
    }

    private static Outcome outcome(CancelOutcome outcome) {
        Cancellation cancellation = outcome.cancellation();
        long units = cancellation.lines().stream()
                .mapToLong(Cancellation.CancelledLine::quantity)
                .sum();
        return switch (outcome) {
            case CancelOutcome.Applied applied ->
                new Outcome(OrderResult.Status.APPLIED, cancellation.id(), units, List.of());
            case CancelOutcome.Pending pending ->
                new Outcome(OrderResult.Status.PENDING_APPROVAL, cancellation.id(), units, List.of());
            case CancelOutcome.Refused refused ->
                new Outcome(
                        OrderResult.Status.REFUSED,
                        cancellation.id(),
                        0,
                        cancellation.refusals().stream()
                                .map(r -> new OrderResult.Refusal(
                                        r.reason().slug(), r.lineId(), r.lineNumber(), r.detail()))
                                .toList());
        };
    }
}
