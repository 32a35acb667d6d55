package io.rescind.orders;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The canonical line lifecycle, with the one table of moves a line may make. */
public enum LineStatus {
    ISSUED,
    IN_PROGRESS,
    CONFIRMED,
    REJECTED,
    SHIPPED,
    COMPLETED,
    CANCELLED;

    // A status listed as its own target allows quantity changes that keep the status
    // (a partial cancel of an issued line, a second shipment).
    private static final Map<LineStatus, Set<LineStatus>> MOVES = Map.of(
            ISSUED, EnumSet.of(ISSUED, IN_PROGRESS, CONFIRMED, REJECTED, SHIPPED, CANCELLED),
            IN_PROGRESS, EnumSet.of(IN_PROGRESS, CONFIRMED, REJECTED, SHIPPED, CANCELLED),
            // Back to IN_PROGRESS: the buyer changed what the seller had confirmed or rejected, so
            // the seller answers again (an amendment reopens the line).
            CONFIRMED, EnumSet.of(CONFIRMED, IN_PROGRESS, SHIPPED, COMPLETED, CANCELLED),
            REJECTED, EnumSet.of(REJECTED, IN_PROGRESS, CONFIRMED, CANCELLED),
            SHIPPED, EnumSet.of(SHIPPED, COMPLETED),
            COMPLETED, EnumSet.noneOf(LineStatus.class),
            CANCELLED, EnumSet.noneOf(LineStatus.class));

    public boolean canTransitionTo(LineStatus next) {
        return MOVES.get(this).contains(next);
    }

    /** No move leads anywhere from here. */
    public boolean isFinal() {
        return MOVES.get(this).isEmpty();
    }
}
