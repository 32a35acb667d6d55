package io.rescind.cancellation;

import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.parties.PartyRole;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which line states each side may cancel: a pure function of the line, the caller's role and the
 * quantity asked for. Operators may cancel whatever either side may.
 */
public record CancellationPolicy(Set<LineStatus> buyerMayCancel, Set<LineStatus> sellerMayCancel) {

    /** Both sides may cancel anything not yet completed or cancelled, shipped units excepted. */
    public static final CancellationPolicy DEFAULT = new CancellationPolicy(
            EnumSet.of(
                    LineStatus.ISSUED,
                    LineStatus.IN_PROGRESS,
                    LineStatus.REJECTED,
                    LineStatus.CONFIRMED,
                    LineStatus.SHIPPED),
            EnumSet.of(
                    LineStatus.ISSUED,
                    LineStatus.IN_PROGRESS,
                    LineStatus.REJECTED,
                    LineStatus.CONFIRMED,
                    LineStatus.SHIPPED));

    public CancellationPolicy {
        buyerMayCancel = Set.copyOf(buyerMayCancel);
        sellerMayCancel = Set.copyOf(sellerMayCancel);
        if (buyerMayCancel.stream().anyMatch(LineStatus::isFinal)
                || sellerMayCancel.stream().anyMatch(LineStatus::isFinal)) {
            throw new IllegalArgumentException("Completed and cancelled lines can never be cancelled");
        }
    }

    /**
     * @param requested units asked for, or null for all that is open
     */
    public Decision decide(OrderLine line, PartyRole role, Long requested) {
        var status = line.status();
        if (status == LineStatus.CANCELLED) {
            return new Decision.Refused(
                    RefusalReason.LINE_ALREADY_CANCELLED, "Line %d is already cancelled".formatted(line.number()));
        }
        if (status == LineStatus.COMPLETED) {
            return new Decision.Refused(RefusalReason.LINE_COMPLETED, "Line %d is completed".formatted(line.number()));
        }
        if (!allows(role, status)) {
            return new Decision.Refused(
                    RefusalReason.NOT_ALLOWED_FOR_ROLE,
                    "A %s may not cancel a %s line".formatted(role.name().toLowerCase(), status));
        }
        var open = line.openQuantity();
        if (open == 0) {
            return line.pendingCancelQuantity() > 0
                    ? new Decision.Refused(
                            RefusalReason.CANCEL_PENDING,
                            "The rest of line %d awaits a decision on its cancellation".formatted(line.number()))
                    : new Decision.Refused(
                            RefusalReason.LINE_SHIPPED, "Line %d is shipped in full".formatted(line.number()));
        }
        if (requested != null && requested > open) {
            return new Decision.Refused(
                    RefusalReason.QUANTITY_EXCEEDS_OPEN,
                    "Line %d has %d open units; %d asked".formatted(line.number(), open, requested));
        }
        return new Decision.Allowed(requested == null ? open : requested);
    }

    private boolean allows(PartyRole role, LineStatus status) {
        return switch (role) {
            case BUYER -> buyerMayCancel.contains(status);
            case SELLER -> sellerMayCancel.contains(status);
            case OPERATOR -> buyerMayCancel.contains(status) || sellerMayCancel.contains(status);
        };
    }
}
