package io.rescind.orders;

import io.rescind.parties.PartyRole;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which line states each side may cancel, and in which of them the other side must approve: a
 * pure function of the line, the caller's role and the quantity asked for. Operators may cancel
 * whatever either side may, and never need approval.
 *
 * @param buyerNeedsApproval line states in which a buyer's cancel is a request the seller decides
 * @param sellerNeedsApproval line states in which a seller's cancel is a request the buyer decides
 * @param pendingTtl how long a request may wait for a decision
 * @param onExpiry what an undecided request becomes when it expires
 */
public record CancellationPolicy(
        Set<LineStatus> buyerMayCancel,
        Set<LineStatus> sellerMayCancel,
        Set<LineStatus> buyerNeedsApproval,
        Set<LineStatus> sellerNeedsApproval,
        Duration pendingTtl,
        OnExpiry onExpiry) {

    /** The outcome of a request nobody decided in time. */
    public enum OnExpiry {
        ACCEPT,
        REJECT
    }

    public static final Duration DEFAULT_PENDING_TTL = Duration.ofDays(7);

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
        buyerNeedsApproval = Set.copyOf(buyerNeedsApproval);
        sellerNeedsApproval = Set.copyOf(sellerNeedsApproval);
        if (buyerMayCancel.stream().anyMatch(LineStatus::isFinal)
                || sellerMayCancel.stream().anyMatch(LineStatus::isFinal)) {
            throw new IllegalArgumentException("Completed and cancelled lines can never be cancelled");
        }
        if (pendingTtl == null || pendingTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("A pending request needs a time to live of at least one second");
        }
        if (onExpiry == null) {
            throw new IllegalArgumentException("Say what an undecided request becomes when it expires");
        }
    }

    /** Cancels apply at once; nobody's approval is needed. */
    public CancellationPolicy(Set<LineStatus> buyerMayCancel, Set<LineStatus> sellerMayCancel) {
        this(buyerMayCancel, sellerMayCancel, Set.of(), Set.of(), DEFAULT_PENDING_TTL, OnExpiry.REJECT);
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
        var quantity = requested == null ? open : requested;
        return needsApproval(role, status) ? new Decision.NeedsApproval(quantity) : new Decision.Allowed(quantity);
    }

    private boolean needsApproval(PartyRole role, LineStatus status) {
        return switch (role) {
            case BUYER -> buyerNeedsApproval.contains(status);
            case SELLER -> sellerNeedsApproval.contains(status);
            case OPERATOR -> false;
        };
    }

    private boolean allows(PartyRole role, LineStatus status) {
        return switch (role) {
            case BUYER -> buyerMayCancel.contains(status);
            case SELLER -> sellerMayCancel.contains(status);
            case OPERATOR -> buyerMayCancel.contains(status) || sellerMayCancel.contains(status);
        };
    }
}
