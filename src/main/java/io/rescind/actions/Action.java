package io.rescind.actions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A command accepted for later execution, and what became of it.
 *
 * @param cancellationIds the cancellations the action made, once it succeeded
 */
public record Action(
        UUID id,
        Type type,
        UUID orderId,
        UUID requestedBy,
        Status status,
        List<Error> errors,
        List<UUID> cancellationIds,
        Instant createdAt,
        Instant updatedAt) {

    public enum Type {
        CANCEL,
        /** A buyer's amendment of the order's content, queued in an order's inbox. */
        AMEND
    }

    /** {@code PENDING} until a worker has run it; then final. */
    public enum Status {
        PENDING,
        SUCCESS,
        FAILED
    }

    /**
     * Why an action failed.
     *
     * @param code the canonical problem code ({@code line-shipped}, {@code unknown-line} ...)
     * @param lineId the line concerned, when there is one
     */
    public record Error(String code, String message, UUID lineId) {}

    public Action {
        errors = List.copyOf(errors);
        cancellationIds = List.copyOf(cancellationIds);
    }
}
