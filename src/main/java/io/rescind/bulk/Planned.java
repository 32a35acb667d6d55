package io.rescind.bulk;

import java.util.List;
import java.util.UUID;

/**
 * One order of a job as planned when it was accepted.
 *
 * @param lines the lines to cancel; empty for everything open on the order
 */
record Planned(int seq, UUID orderId, Long orderNumber, List<BulkCancelRequest.LineEntry> lines) {

    Planned {
        lines = List.copyOf(lines);
    }

    /** The reason, note and restocking of every cancel of a job. */
    record Terms(String reason, String note, boolean restock) {}
}
