package io.rescind.console;

import io.rescind.orders.RefusalReason;
import java.util.Locale;

/** Plain words for the codes the engine speaks in, as people handling cancellations read them. */
final class Words {

    private Words() {}

    /** {@code CUSTOMER_REQUEST} → "Customer request". */
    static String label(Enum<?> value) {
        var words = value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String refusal(RefusalReason reason) {
        return switch (reason) {
            case LINE_ALREADY_CANCELLED -> "it is already cancelled";
            case LINE_COMPLETED -> "it is completed, and completed lines cannot be cancelled";
            case LINE_SHIPPED -> "everything on it has shipped";
            case CANCEL_PENDING -> "its remaining units await a decision on an earlier cancel request";
            case NOT_ALLOWED_FOR_ROLE -> "the seller's policy does not let you cancel a line in this state";
            case QUANTITY_EXCEEDS_OPEN -> "more units were asked for than are open";
            case AMOUNT_EXCEEDS_REMAINING -> "the amounts asked for exceed what remains of the line";
            case UNKNOWN_TAX_CODE -> "a tax was named that the line does not have";
            case NOTHING_TO_CANCEL -> "nothing is left to cancel on this order";
            case REQUEST_REJECTED -> "the other party rejected this request";
            case REQUEST_EXPIRED -> "nobody decided this request in time, so it expired";
        };
    }

    /** A history entry's type as a heading: {@code order.lines_cancelled} → "Lines cancelled". */
    static String event(String type) {
        return switch (type) {
            case "order.created" -> "Order placed";
            case "order.amended" -> "Order changed by the buyer";
            case "order.lines_cancelled" -> "Lines cancelled";
            case "order.cancellation_refused" -> "Cancel refused";
            case "order.cancellation_requested" -> "Cancel requested, awaiting a decision";
            case "order.cancellation_accepted" -> "Cancel request accepted";
            case "order.cancellation_rejected" -> "Cancel request rejected";
            case "order.cancellation_expired" -> "Cancel request expired";
            case "cancellation.reverted" -> "Cancel reverted";
            default -> {
                var dot = type.lastIndexOf('.');
                var last = type.substring(dot + 1).replace('_', ' ');
                yield type.startsWith("line.")
                        ? "Line " + last
                        : Character.toUpperCase(last.charAt(0)) + last.substring(1);
            }
        };
    }
}
