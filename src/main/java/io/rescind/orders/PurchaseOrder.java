package io.rescind.orders;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.orders.Cancellation.CancelledLine;
import io.rescind.orders.Cancellation.Refusal;
import io.rescind.orders.CancellationEvents.CancellationDecided;
import io.rescind.orders.CancellationEvents.CancellationRefused;
import io.rescind.orders.CancellationEvents.CancellationRequested;
import io.rescind.orders.CancellationEvents.CancellationReverted;
import io.rescind.orders.CancellationEvents.LinesCancelled;
import io.rescind.orders.CancellationEvents.RevertedLine;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A purchase order between one buyer and one seller: the aggregate through which its lines change.
 * Each change is a method that checks the rules, returns the order as it is after the change and
 * records what happened as {@link OrderChange}s in {@link #unsaved()}, which {@link
 * PurchaseOrders#save} writes (changed lines, history, outbox) and announces. Nothing here knows
 * about transactions, SQL or JSON.
 *
 * <p>An order loaded for a change may hold only the lines the change names (see {@link LineKeys}).
 *
 * <p>Longer than most classes here on purpose: the rules of an order's lines (cancel, request,
 * conclude, revert, answer, move) read best side by side; pricing is in {@link StatedAmounts} and
 * {@link Proration}, what each side may do in {@link CancellationPolicy}.
 *
 * @param number the tenant's running number (1, 2, 3 ...), for platforms that address orders by
 *     integer
 * @param buyerOrderNumber the buyer's own reference, unique per buyer
 * @param unsaved what changed since the order was loaded
 */
public record PurchaseOrder(
        UUID tenantId,
        UUID id,
        long number,
        String buyerOrderNumber,
        UUID buyerId,
        UUID sellerId,
        String currency,
        Instant createdAt,
        Instant updatedAt,
        long version,
        List<OrderLine> lines,
        Unsaved unsaved) {

    /** Changed lines (each as it is now) and the changes, in the order they happened. */
    public record Unsaved(List<OrderLine> lines, List<OrderChange> changes) {

        public static final Unsaved NONE = new Unsaved(List.of(), List.of());

        public Unsaved {
            lines = List.copyOf(lines);
            changes = List.copyOf(changes);
        }

        public boolean isEmpty() {
            return lines.isEmpty() && changes.isEmpty();
        }
    }

    public PurchaseOrder {
        lines = List.copyOf(lines);
        unsaved = unsaved == null ? Unsaved.NONE : unsaved;
    }

    /** The order as just written: nothing unsaved. */
    PurchaseOrder saved() {
        return with(lines, unsaved.lines().isEmpty() ? version : version + 1, Unsaved.NONE);
    }

    /** Digits after the decimal point in this order's currency. */
    public int scale() {
        return java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    }

    public PurchaseOrder withLines(List<OrderLine> newLines) {
        return with(newLines, version, unsaved);
    }

    /**
     * Cancels lines under the seller's policy, all or nothing: every named line is decided; if any is
     * refused nothing changes and the refusal is recorded; if any needs the other side's approval the
     * whole command becomes one pending request holding its units; otherwise the units and their
     * money are cancelled.
     */
    public CancelResult cancel(CancelLines command, CancellationPolicy policy, Caller actor, Instant now) {
        var decided = new ArrayList<CancelledLine>();
        var refusals = new ArrayList<Refusal>();
        boolean needsApproval = false;
        for (var target : targets(command.scope())) {
            var line = target.line();
            long quantity;
            switch (policy.decide(line, actor.role(), target.quantity())) {
                case Decision.Refused refused -> {
                    refusals.add(refusal(line, refused.reason(), refused.detail()));
                    continue;
                }
                case Decision.Allowed allowed -> quantity = allowed.quantity();
                case Decision.NeedsApproval approval -> {
                    quantity = approval.quantity();
                    needsApproval = true;
                }
            }
            switch (StatedAmounts.price(this, line, quantity, target.amounts())) {
                case StatedAmounts.Unpriced unpriced ->
                    refusals.add(refusal(line, unpriced.reason(), unpriced.detail()));
                case StatedAmounts.Priced priced ->
                    decided.add(
                            new CancelledLine(line.id(), line.number(), line.position(), quantity, priced.amounts()));
            }
        }
        if (refusals.isEmpty() && decided.isEmpty()) {
            refusals.add(new Refusal(
                    null,
                    null,
                    null,
                    RefusalReason.NOTHING_TO_CANCEL,
                    "No line of this order has anything left to cancel"));
        }
        if (!refusals.isEmpty()) {
            var refused = answered(command, actor, Cancellation.Status.REFUSED, List.of(), refusals, now);
            return new CancelResult.Refused(
                    recording(new CancellationRefused(refused.id(), id, command.reason(), refusals)), refused);
        }
        if (needsApproval) {
            return request(command, policy, actor, now, decided);
        }
        var applied = answered(command, actor, Cancellation.Status.APPLIED, decided, List.of(), now);
        var after = this;
        for (var cancel : decided) {
            after = after.changing(after.line(cancel.lineId()).cancel(cancel.quantity(), cancel.amounts()));
        }
        return new CancelResult.Applied(
                after.recording(new LinesCancelled(
                        applied.id(), id, command.reason(), command.note(), decided, command.restock())),
                applied);
    }

    /** One line needing approval makes the whole command one request, decided as a whole. */
    private CancelResult request(
            CancelLines command, CancellationPolicy policy, Caller actor, Instant now, List<CancelledLine> held) {
        var decider = actor.role() == PartyRole.BUYER ? sellerId : buyerId;
        var request = new Cancellation(
                UUID.randomUUID(),
                id,
                actor.partyId(),
                Cancellation.Status.PENDING,
                command.reason(),
                command.note(),
                command.idempotencyKey(),
                held,
                List.of(),
                now,
                decider,
                now.plus(policy.pendingTtl()),
                policy.onExpiry(),
                null,
                null);
        var after = this;
        for (var hold : held) {
            after = after.changing(after.line(hold.lineId()).holdForCancel(hold.quantity()));
        }
        return new CancelResult.Requested(
                after.recording(new CancellationRequested(
                        request.id(), id, command.reason(), command.note(), held, decider, request.expiresAt())),
                request);
    }

    /**
     * Concludes a pending request: accepted (or expired as accepted), its held units are cancelled
     * with the money the counterparty was shown; rejected (or expired as rejected), they are open
     * again.
     *
     * @param by who decided; null for the expiry worker
     */
    public CancelResult.Concluded conclude(Cancellation pending, Cancellation.Status outcome, UUID by, Instant now) {
        if (pending.status() != Cancellation.Status.PENDING) {
            throw new RescindException(
                    Kind.CONFLICT,
                    "already-decided",
                    "This cancellation is %s, not pending".formatted(pending.status()),
                    Map.of("status", pending.status().name()));
        }
        boolean accept = outcome == Cancellation.Status.ACCEPTED
                || (outcome == Cancellation.Status.EXPIRED && pending.onExpiry() == CancellationPolicy.OnExpiry.ACCEPT);
        var after = this;
        var finalLines = new ArrayList<CancelledLine>();
        for (var held : pending.lines()) {
            var line = after.line(held.lineId());
            if (accept) {
                var amounts = amountsOnAcceptance(line, held);
                after = after.changing(line.acceptCancel(held.quantity(), amounts));
                finalLines.add(
                        new CancelledLine(held.lineId(), held.lineNumber(), held.position(), held.quantity(), amounts));
            } else {
                after = after.changing(line.releaseCancel(held.quantity()));
                finalLines.add(held);
            }
        }
        var decided = pending.decided(outcome, finalLines, by, now);
        after = after.recording(new CancellationDecided(
                "order.cancellation_" + outcome.name().toLowerCase(), decided.id(), id, outcome, by, finalLines));
        if (accept) {
            // Announced like any cancel, so whatever reacts to cancelled units (inventory) needs to
            // know nothing about approvals. A request does not keep its command's restock choice:
            // accepted units are restocked.
            after = after.recording(
                    new LinesCancelled(decided.id(), id, decided.reason(), decided.note(), finalLines, true));
        }
        return new CancelResult.Concluded(after, decided);
    }

    /**
     * The counterparty accepts what it was shown: the amounts quoted with the request, as long as
     * they still fit what remains; when the held units are the last not cancelled, exactly what
     * remains, so a line's cancelled money still adds up to its totals.
     */
    private static Amounts amountsOnAcceptance(OrderLine line, CancelledLine held) {
        if (held.quantity() == line.unitsNotCancelled() || !held.amounts().fitsWithin(line.remaining())) {
            return Proration.prorate(line, held.quantity());
        }
        return held.amounts();
    }

    /**
     * Un-cancels cancelled lines, named by position: each returns to the status it had when it was
     * cancelled, with its units open again. All or nothing.
     */
    public PurchaseOrder revert(List<String> positions, String reason) {
        var after = this;
        var reverted = new ArrayList<RevertedLine>();
        for (var position : new LinkedHashSet<>(positions)) {
            var line = lines.stream()
                    .filter(candidate -> candidate.position().equals(position))
                    .findFirst()
                    .orElseThrow(() -> new RescindException(
                            Kind.UNPROCESSABLE,
                            "unknown-line",
                            "The order has no line at position '%s'".formatted(position)));
            var back = line.revertCancel();
            after = after.changing(back);
            reverted.add(new RevertedLine(
                    line.id(), line.number(), line.position(), line.cancelledQuantity(), line.status(), back.status()));
        }
        return after.recording(new CancellationReverted(id, reason, reverted));
    }

    /** A seller's move on one line, checked against the transition table. */
    public PurchaseOrder move(UUID lineId, LineMove move) {
        var line = line(lineId);
        var moved = switch (move) {
            case LineMove.Confirm c -> line.confirm();
            case LineMove.Reject r -> line.reject();
            case LineMove.Ship ship -> line.ship(ship.quantity());
            case LineMove.Complete c -> line.complete();
        };
        return changing(moved)
                .recording(new OrderEvents.LineMoved(
                        "line." + moved.status().name().toLowerCase(),
                        id,
                        moved.id(),
                        moved.number(),
                        moved.position(),
                        line.status(),
                        moved.status(),
                        moved.shippedQuantity()));
    }

    /**
     * The seller's answer to several lines at once (confirm or reject each): a line moves where the
     * transition table allows; a line already there, or past where the answer could take it, stays
     * as it is. One change for the whole answer.
     */
    public PurchaseOrder answer(Map<UUID, LineMove> answers) {
        var after = this;
        for (var line : lines) {
            var move = answers.get(line.id());
            var target = switch (move) {
                case null -> null;
                case LineMove.Confirm c -> LineStatus.CONFIRMED;
                case LineMove.Reject r -> LineStatus.REJECTED;
                default -> throw new IllegalArgumentException("An answer confirms or rejects, not " + move);
            };
            if (target != null && line.status() != target && line.status().canTransitionTo(target)) {
                after = after.move(line.id(), move);
            }
        }
        return after;
    }

    /** The loaded line with this id. */
    public OrderLine line(UUID lineId) {
        return lines.stream()
                .filter(candidate -> candidate.id().equals(lineId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Line " + lineId + " is not loaded"));
    }

    /** The order with {@code changed} in place of its line of the same id, marked unsaved. */
    PurchaseOrder changing(OrderLine changed) {
        var replaced = lines.stream()
                .map(line -> line.id().equals(changed.id()) ? changed : line)
                .toList();
        var unsavedLines = new LinkedHashMap<UUID, OrderLine>();
        unsaved.lines().forEach(line -> unsavedLines.put(line.id(), line));
        unsavedLines.put(changed.id(), changed);
        return with(replaced, version, new Unsaved(List.copyOf(unsavedLines.values()), unsaved.changes()));
    }

    /** The order with {@code change} recorded, to be written to its history and announced. */
    PurchaseOrder recording(OrderChange change) {
        var changes = new ArrayList<>(unsaved.changes());
        changes.add(change);
        return with(lines, version, new Unsaved(unsaved.lines(), changes));
    }

    private PurchaseOrder with(List<OrderLine> newLines, long newVersion, Unsaved newUnsaved) {
        return new PurchaseOrder(
                tenantId,
                id,
                number,
                buyerOrderNumber,
                buyerId,
                sellerId,
                currency,
                createdAt,
                updatedAt,
                newVersion,
                newLines,
                newUnsaved);
    }

    private Cancellation answered(
            CancelLines command,
            Caller actor,
            Cancellation.Status status,
            List<CancelledLine> cancelled,
            List<Refusal> refusals,
            Instant now) {
        return new Cancellation(
                UUID.randomUUID(),
                id,
                actor.partyId(),
                status,
                command.reason(),
                command.note(),
                command.idempotencyKey(),
                cancelled,
                refusals,
                now);
    }

    private record Target(OrderLine line, Long quantity, CancelLines.RequestedAmounts amounts) {}

    /** The lines a command names, each once; naming an unknown line fails the whole command. */
    private List<Target> targets(CancelLines.Scope scope) {
        return switch (scope) {
            case CancelLines.WholeOrder whole ->
                lines.stream()
                        .filter(line ->
                                line.openQuantity() > 0 && !line.status().isFinal())
                        .map(line -> new Target(line, null, null))
                        .toList();
            case CancelLines.Lines named -> {
                var targets = new ArrayList<Target>();
                var seen = new java.util.HashSet<UUID>();
                for (var cancel : named.lines()) {
                    var line = lines.stream()
                            .filter(candidate -> cancel.line().matches(candidate))
                            .findFirst()
                            .orElseThrow(() -> new RescindException(
                                    Kind.UNPROCESSABLE,
                                    "unknown-line",
                                    "The order has no line " + cancel.line().describe(),
                                    Map.of("line", cancel.line().describe())));
                    if (!seen.add(line.id())) {
                        throw new RescindException(
                                Kind.UNPROCESSABLE,
                                "duplicate-line",
                                "Line %d is named more than once".formatted(line.number()));
                    }
                    targets.add(new Target(line, cancel.quantity(), cancel.amounts()));
                }
                yield targets;
            }
        };
    }

    private static Refusal refusal(OrderLine line, RefusalReason reason, String detail) {
        return new Refusal(line.id(), line.number(), line.position(), reason, detail);
    }
}
