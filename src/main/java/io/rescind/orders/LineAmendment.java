package io.rescind.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** What an amendment did to one line, as recorded in the order's history ({@code outcome} says which). */
public sealed interface LineAmendment {

    String position();

    record Added(String position, UUID lineId, int lineNumber, String productId, long quantity, BigDecimal unitPrice)
            implements LineAmendment {}

    /** The line's content changed; a commercial change reopens a Confirmed or Rejected line. */
    record Changed(
            String position, UUID lineId, int lineNumber, LineStatus from, LineStatus to, List<FieldChange> changes)
            implements LineAmendment {}

    /** A different content for a Completed or Cancelled line: ignored, as those lines are closed. */
    record Ignored(String position, UUID lineId, int lineNumber, LineStatus status) implements LineAmendment {}

    /** A change (or completion) the line's state does not allow; the rest of the amendment applies. */
    record Refused(String position, UUID lineId, int lineNumber, String reason, String detail)
            implements LineAmendment {}

    /** Completed by the buyer. */
    record Completed(String position, UUID lineId, int lineNumber, LineStatus from) implements LineAmendment {}

    record FieldChange(String field, String from, String to) {}
}
