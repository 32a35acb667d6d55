package io.rescind.dialects.mirakl;

import io.rescind.actions.Action;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Mirakl's action bodies, and the error codes a failed action shows. */
final class ActionViews {

    private ActionViews() {}

    /** {@code AsynchronousActionResponse}; {@code tracking_id} is Mirakl's deprecated twin of the id. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Accepted(String actionId, String trackingId) {

        static Accepted of(Action action) {
            return new Accepted(action.id().toString(), action.id().toString());
        }
    }

    /** {@code ActionResponse}, also serving as the deprecated {@code OrderTrackingResponse}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Status(String id, String status, Instant createdAt, Instant updatedAt, List<Error> errors) {

        static Status of(Action action) {
            return new Status(
                    action.id().toString(),
                    action.status().name(),
                    action.createdAt(),
                    action.updatedAt(),
                    action.errors().isEmpty()
                            ? null
                            : action.errors().stream().map(Error::of).toList());
        }
    }

    record Error(String code, String message) {

        static Error of(Action.Error error) {
            return new Error(codeOf(error.code()), error.message());
        }
    }

    /** The Mirakl code for a canonical problem code: what a Mirakl client switches on. */
    static String codeOf(String canonical) {
        return switch (canonical) {
            case "line-shipped",
                    "line-completed",
                    "line-already-cancelled",
                    "cancel-pending",
                    "quantity-exceeds-open",
                    "nothing-to-cancel",
                    "illegal-line-transition" -> MiraklError.ORDER_IN_WRONG_STATE;
            case "not-allowed-for-role" -> "ACTION_NOT_SUPPORTED";
            case "not-found" -> MiraklError.DATA_NOT_FOUND;
            case "unknown-line" -> "INVALID_PRODUCT_ID";
            case "amount-exceeds-remaining",
                    "unknown-tax-code",
                    "currency-mismatch",
                    "invalid-amount",
                    "duplicate-line",
                    "idempotency-key-reused",
                    "constraint-violation" -> MiraklError.INVALID_INPUT;
            case "internal-error" -> MiraklError.UNEXPECTED;
            default -> "OTHER";
        };
    }
}
