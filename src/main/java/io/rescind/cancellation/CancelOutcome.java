package io.rescind.cancellation;

import io.rescind.orders.Cancellation;
import io.rescind.orders.RefusalReason;

/** What the engine did with a command; {@code replayed} marks an answer repeated for an idempotency key. */
public sealed interface CancelOutcome {

    Cancellation cancellation();

    boolean replayed();

    record Applied(Cancellation cancellation, boolean replayed) implements CancelOutcome {}

    record Refused(Cancellation cancellation, boolean replayed) implements CancelOutcome {}

    /**
     * The cancel became a request awaiting the counterparty's decision; its units are held. A
     * replay shows what became of the request since (its status may be past PENDING).
     */
    record Pending(Cancellation cancellation, boolean replayed) implements CancelOutcome {}

    /**
     * The outcome a stored cancellation stands for, as a replay answers it: a request decided
     * since it was made answers with its decision, not as if it were still pending.
     */
    static CancelOutcome of(Cancellation cancellation, boolean replayed) {
        return switch (cancellation.status()) {
            case APPLIED, ACCEPTED -> new Applied(cancellation, replayed);
            case REFUSED -> new Refused(cancellation, replayed);
            case PENDING -> new Pending(cancellation, replayed);
            case REJECTED ->
                new Refused(
                        cancellation.refusedAs(
                                RefusalReason.REQUEST_REJECTED, "The other party to the order rejected this request"),
                        replayed);
            case EXPIRED ->
                cancellation.cancelsUnits()
                        ? new Applied(cancellation, replayed)
                        : new Refused(
                                cancellation.refusedAs(
                                        RefusalReason.REQUEST_EXPIRED,
                                        "Nobody decided this request in time; it expired as rejected"),
                                replayed);
        };
    }
}
