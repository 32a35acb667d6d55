package io.rescind.cancellation;

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

    static CancelOutcome of(Cancellation cancellation, boolean replayed) {
        return switch (cancellation.status()) {
            case APPLIED -> new Applied(cancellation, replayed);
            case REFUSED -> new Refused(cancellation, replayed);
            case PENDING, ACCEPTED, REJECTED, EXPIRED -> new Pending(cancellation, replayed);
        };
    }
}
