package io.rescind.cancellation;

import io.rescind.Fingerprint;
import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.cancellation.CancelLines.LineCancel;
import io.rescind.cancellation.CancelLines.RequestedAmounts;
import io.rescind.cancellation.Cancellation.CancelledLine;
import io.rescind.cancellation.Cancellation.Refusal;
import io.rescind.cancellation.CancellationEvents.CancellationDecided;
import io.rescind.cancellation.CancellationEvents.CancellationRefused;
import io.rescind.cancellation.CancellationEvents.CancellationRequested;
import io.rescind.cancellation.CancellationEvents.LinesCancelled;
import io.rescind.orders.Amounts;
import io.rescind.orders.LineKeys;
import io.rescind.orders.OrderJournal;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where order lines are cancelled. A command runs in one short transaction: lock
 * the order, decide every line under the seller's policy, then either apply all of it or refuse
 * all of it, recording the outcome, the history entry and the outbox event together.
 */
@Service
public class CancellationEngine {

    private final PurchaseOrders orders;
    private final Cancellations cancellations;
    private final CancellationPolicies policies;
    private final OrderJournal journal;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    CancellationEngine(
            PurchaseOrders orders,
            Cancellations cancellations,
            CancellationPolicies policies,
            OrderJournal journal,
            TransactionTemplate transactions,
            JsonMapper json,
            ApplicationEventPublisher events) {
        this.orders = orders;
        this.cancellations = cancellations;
        this.policies = policies;
        this.journal = journal;
        this.transactions = transactions;
        this.json = json;
        this.events = events;
    }

    public CancelOutcome cancel(Caller caller, CancelLines command) {
        var fingerprint = command.idempotencyKey() == null ? null : Fingerprint.of(json, command);
        try {
            return transactions.execute(tx -> decideAndRecord(caller, command, fingerprint));
        } catch (DuplicateKeyException raced) {
            // The same idempotency key was used concurrently on another order: the first one won,
            // and running again now finds it.
            return transactions.execute(tx -> decideAndRecord(caller, command, fingerprint));
        }
    }

    /**
     * Like {@link #cancel}, but waits at most {@code lockBudget} for the order's lock; empty when
     * the order stayed locked (by a long change) that long, and nothing was changed or recorded.
     */
    public Optional<CancelOutcome> tryCancel(Caller caller, CancelLines command, java.time.Duration lockBudget) {
        var fingerprint = command.idempotencyKey() == null ? null : Fingerprint.of(json, command);
        try {
            return Optional.of(transactions.execute(tx -> {
                orders.limitLockWait(lockBudget);
                return decideAndRecord(caller, command, fingerprint);
            }));
        } catch (DuplicateKeyException raced) {
            return Optional.of(transactions.execute(tx -> decideAndRecord(caller, command, fingerprint)));
        } catch (org.springframework.dao.DataAccessException failed) {
            if (PurchaseOrders.lockNotAvailable(failed)) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    /**
     * Un-cancels cancelled lines of an order, named by position: each returns to the status it had
     * before it was cancelled (from the order's history; ISSUED if it never moved) with its units
     * open again. Buyers and operators revert; {@code version} is the order's version the caller
     * saw, and a stale one is a conflict. All or nothing, recorded in the history and the outbox.
     */
    public PurchaseOrder revert(Caller caller, UUID orderId, List<String> positions, String reason, long version) {
        if (caller.role() == PartyRole.SELLER) {
            throw new RescindException(
                    Kind.FORBIDDEN, "not-allowed-for-role", "Only the buyer reverts its cancellations");
        }
        return transactions.execute(tx -> {
            var order = orders.lock(caller, orderId, new LineKeys(Set.of(), Set.of(), Set.copyOf(positions)))
                    .orElseThrow(() -> RescindException.notFound("Order"));
            if (order.version() != version) {
                throw new RescindException(
                        Kind.CONFLICT,
                        "stale-version",
                        "The order is at version %d, not %d".formatted(order.version(), version));
            }
            var byPosition = order.lines().stream().collect(Collectors.toMap(OrderLine::position, l -> l));
            var history = journal.history(order.tenantId(), order.id());
            var changed = new ArrayList<OrderLine>();
            var reverted = new ArrayList<CancellationEvents.RevertedLine>();
            for (var position : new java.util.LinkedHashSet<>(positions)) {
                var line = byPosition.get(position);
                if (line == null) {
                    throw new RescindException(
                            Kind.UNPROCESSABLE,
                            "unknown-line",
                            "The order has no line at position '%s'".formatted(position));
                }
                var back = line.revertCancel(statusBeforeCancel(history, line));
                changed.add(back);
                reverted.add(new CancellationEvents.RevertedLine(
                        line.id(),
                        line.number(),
                        line.position(),
                        line.cancelledQuantity(),
                        line.status(),
                        back.status()));
            }
            orders.save(order, changed);
            journal.record(
                    order.tenantId(),
                    order.id(),
                    caller.partyId(),
                    new CancellationEvents.CancellationReverted(order.id(), reason, reverted));
            // Inventory takes back what it restocked for these lines, or refuses (and so rolls
            // back the revert) when the stock has been sold since.
            events.publishEvent(new CancellationReverted(
                    order.tenantId(),
                    order.id(),
                    order.sellerId(),
                    caller.partyId(),
                    order.lines().stream()
                            .filter(line ->
                                    reverted.stream().anyMatch(r -> r.lineId().equals(line.id())))
                            .map(line -> new CancellationReverted.RevertedUnits(
                                    line.id(), line.number(), line.productId(), line.cancelledQuantity()))
                            .toList()));
            return orders.find(caller, orderId).orElseThrow();
        });
    }

    /** The last status a line moved to before it was cancelled; lines start ISSUED. */
    private static io.rescind.orders.LineStatus statusBeforeCancel(List<OrderJournal.Entry> history, OrderLine line) {
        var status = io.rescind.orders.LineStatus.ISSUED;
        for (var entry : history) {
            var detail = entry.detail();
            if (entry.type().startsWith("line.")
                    && detail.has("lineId")
                    && detail.get("lineId").asString().equals(line.id().toString())
                    && detail.has("to")) {
                status = io.rescind.orders.LineStatus.valueOf(detail.get("to").asString());
            }
            // An amendment that reopened the line (Confirmed or Rejected back to IN_PROGRESS).
            if (entry.type().equals("order.amended") && detail.has("changed")) {
                for (var amended : detail.get("changed")) {
                    if (amended.get("lineId").asString().equals(line.id().toString())) {
                        status = io.rescind.orders.LineStatus.valueOf(
                                amended.get("to").asString());
                    }
                }
            }
            if (entry.type().equals("cancellation.reverted") && detail.has("lines")) {
                for (var reverted : detail.get("lines")) {
                    if (reverted.get("lineId").asString().equals(line.id().toString())) {
                        status = io.rescind.orders.LineStatus.valueOf(
                                reverted.get("to").asString());
                    }
                }
            }
        }
        return status == io.rescind.orders.LineStatus.CANCELLED ? io.rescind.orders.LineStatus.ISSUED : status;
    }

    public Cancellation get(Caller caller, UUID orderId, UUID cancellationId) {
        var order = orders.find(caller, orderId).orElseThrow(() -> RescindException.notFound("Order"));
        return cancellations
                .find(order.tenantId(), order.id(), cancellationId)
                .orElseThrow(() -> RescindException.notFound("Cancellation"));
    }

    public List<Cancellation> list(Caller caller, UUID orderId) {
        var order = orders.find(caller, orderId).orElseThrow(() -> RescindException.notFound("Order"));
        return cancellations.list(order.tenantId(), order.id());
    }

    /** The order's cancelled units per line and reason, for views that show them summed. */
    public List<CancelledUnits> cancelledUnits(Caller caller, UUID orderId) {
        var order = orders.find(caller, orderId).orElseThrow(() -> RescindException.notFound("Order"));
        return cancellations.cancelledUnits(order.tenantId(), order.id());
    }

    public CancellationPolicy policy(Caller caller, UUID sellerId) {
        requirePolicyAccess(caller, sellerId);
        return policies.forSeller(caller.tenantId(), sellerId);
    }

    public void setPolicy(Caller caller, UUID sellerId, CancellationPolicy policy) {
        requirePolicyAccess(caller, sellerId);
        transactions.executeWithoutResult(tx -> policies.save(caller.tenantId(), sellerId, policy));
    }

    private static void requirePolicyAccess(Caller caller, UUID sellerId) {
        if (!caller.isOperator()
                && !(caller.role() == PartyRole.SELLER && caller.partyId().equals(sellerId))) {
            throw new RescindException(
                    Kind.FORBIDDEN, "not-allowed-for-role", "Only the seller or an operator manages its policy");
        }
    }

    private CancelOutcome decideAndRecord(Caller caller, CancelLines command, String fingerprint) {
        var order = lock(caller, command).orElseThrow(() -> RescindException.notFound("Order"));
        if (command.idempotencyKey() != null) {
            var previous = cancellations.findByKey(caller.tenantId(), caller.partyId(), command.idempotencyKey());
            if (previous.isPresent()) {
                if (!previous.get().getValue().equals(fingerprint)) {
                    throw new RescindException(
                            Kind.UNPROCESSABLE,
                            "idempotency-key-reused",
                            "This Idempotency-Key was used for a different request");
                }
                return CancelOutcome.of(previous.get().getKey(), true);
            }
        }
        var policy = policies.forSeller(order.tenantId(), order.sellerId(), command.channelDefault());
        var cancelled = new ArrayList<CancelledLine>();
        var refusals = new ArrayList<Refusal>();
        var allowedLines = new ArrayList<OrderLine>();
        boolean needsApproval = false;
        for (var target : targets(order, command.scope())) {
            var line = target.line();
            long quantity;
            switch (policy.decide(line, caller.role(), target.quantity())) {
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
            switch (price(order, line, quantity, target.amounts())) {
                case Unpriced unpriced -> refusals.add(refusal(line, unpriced.reason(), unpriced.detail()));
                case Priced priced -> {
                    allowedLines.add(line);
                    cancelled.add(
                            new CancelledLine(line.id(), line.number(), line.position(), quantity, priced.amounts()));
                }
            }
        }
        if (refusals.isEmpty() && needsApproval) {
            // One line needing approval makes the whole command one request, decided as a whole.
            return request(caller, command, fingerprint, order, policy, allowedLines, cancelled);
        }
        var changed = new ArrayList<OrderLine>();
        for (int i = 0; i < allowedLines.size(); i++) {
            changed.add(allowedLines
                    .get(i)
                    .cancel(cancelled.get(i).quantity(), cancelled.get(i).amounts()));
        }
        if (refusals.isEmpty() && cancelled.isEmpty()) {
            refusals.add(new Refusal(
                    null,
                    null,
                    null,
                    RefusalReason.NOTHING_TO_CANCEL,
                    "No line of this order has anything left to cancel"));
        }
        var status = refusals.isEmpty() ? Cancellation.Status.APPLIED : Cancellation.Status.REFUSED;
        var cancellation = new Cancellation(
                UUID.randomUUID(),
                order.id(),
                caller.partyId(),
                status,
                command.reason(),
                command.note(),
                command.idempotencyKey(),
                status == Cancellation.Status.APPLIED ? cancelled : List.of(),
                refusals,
                Instant.now());
        if (status == Cancellation.Status.APPLIED) {
            orders.save(order, changed);
            journal.record(
                    order.tenantId(),
                    order.id(),
                    caller.partyId(),
                    new LinesCancelled(cancellation.id(), order.id(), command.reason(), command.note(), cancelled));
            events.publishEvent(applied(order, caller.partyId(), cancellation, command.restock()));
        } else {
            journal.record(
                    order.tenantId(),
                    order.id(),
                    caller.partyId(),
                    new CancellationRefused(cancellation.id(), order.id(), command.reason(), refusals));
        }
        cancellations.insert(order.tenantId(), cancellation, fingerprint);
        return CancelOutcome.of(cancellation, false);
    }

    private static CancellationApplied applied(
            PurchaseOrder order, UUID actor, Cancellation cancellation, boolean restock) {
        var units = cancellation.lines().stream()
                .map(cancelled -> new CancellationApplied.CancelledUnits(
                        cancelled.lineId(),
                        cancelled.lineNumber(),
                        order.lines().stream()
                                .filter(line -> line.id().equals(cancelled.lineId()))
                                .findFirst()
                                .orElseThrow()
                                .productId(),
                        cancelled.quantity()))
                .toList();
        return new CancellationApplied(
                order.tenantId(), order.id(), order.sellerId(), cancellation.id(), actor, restock, units);
    }

    /** Holds the units of a cancel that needs the counterparty's approval, as one pending request. */
    private CancelOutcome request(
            Caller caller,
            CancelLines command,
            String fingerprint,
            PurchaseOrder order,
            CancellationPolicy policy,
            List<OrderLine> lines,
            List<CancelledLine> held) {
        var changed = new ArrayList<OrderLine>();
        for (int i = 0; i < lines.size(); i++) {
            changed.add(lines.get(i).holdForCancel(held.get(i).quantity()));
        }
        var decider = caller.role() == PartyRole.BUYER ? order.sellerId() : order.buyerId();
        var now = Instant.now();
        var cancellation = new Cancellation(
                UUID.randomUUID(),
                order.id(),
                caller.partyId(),
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
        orders.save(order, changed);
        journal.record(
                order.tenantId(),
                order.id(),
                caller.partyId(),
                new CancellationRequested(
                        cancellation.id(),
                        order.id(),
                        command.reason(),
                        command.note(),
                        held,
                        decider,
                        cancellation.expiresAt()));
        cancellations.insert(order.tenantId(), cancellation, fingerprint);
        return new CancelOutcome.Pending(cancellation, false);
    }

    /**
     * The counterparty accepts or rejects a pending request. Only the party it awaits (or an
     * operator) decides, and only once; like every change, under the order's lock.
     */
    public Cancellation decide(Caller caller, DecideRequest request) {
        return transactions.execute(tx -> {
            var order = orders.lock(caller, request.orderId(), LineKeys.ALL)
                    .orElseThrow(() -> RescindException.notFound("Order"));
            var pending = cancellations
                    .find(order.tenantId(), order.id(), request.cancellationId())
                    .orElseThrow(() -> RescindException.notFound("Cancellation"));
            if (pending.status() != Cancellation.Status.PENDING) {
                throw new RescindException(
                        Kind.CONFLICT,
                        "already-decided",
                        "This cancellation is %s, not pending".formatted(pending.status()),
                        Map.of("status", pending.status().name()));
            }
            if (!caller.isOperator() && !caller.partyId().equals(pending.deciderId())) {
                throw new RescindException(
                        Kind.FORBIDDEN,
                        "not-the-decider",
                        "This request awaits the decision of the other party to the order");
            }
            var outcome = switch (request.verdict()) {
                case ACCEPT -> Cancellation.Status.ACCEPTED;
                case REJECT -> Cancellation.Status.REJECTED;
            };
            return conclude(order, pending, outcome, caller.partyId());
        });
    }

    /**
     * Accepts or rejects, in one transaction, every pending request of an order that awaits the
     * caller (an operator: every pending request of the order).
     *
     * @return the requests decided; empty when none awaited the caller
     */
    public List<Cancellation> decideAll(Caller caller, UUID orderId, DecideRequest.Verdict verdict) {
        return transactions.execute(tx -> {
            var order =
                    orders.lock(caller, orderId, LineKeys.ALL).orElseThrow(() -> RescindException.notFound("Order"));
            var outcome = verdict == DecideRequest.Verdict.ACCEPT
                    ? Cancellation.Status.ACCEPTED
                    : Cancellation.Status.REJECTED;
            var decided = new ArrayList<Cancellation>();
            for (var pending : cancellations.pendingOfOrder(order.tenantId(), order.id())) {
                if (caller.isOperator() || caller.partyId().equals(pending.deciderId())) {
                    decided.add(conclude(order, pending, outcome, caller.partyId()));
                    // The decision changed lines: the next one must see them as they are now.
                    order = orders.find(caller, orderId).orElseThrow();
                }
            }
            return decided;
        });
    }

    /** Pending requests awaiting the caller's decision; an operator sees every one of its tenant. */
    public List<Cancellation> awaitingDecision(Caller caller, int limit) {
        return cancellations.pending(caller.tenantId(), caller.isOperator() ? null : caller.partyId(), limit);
    }

    /** The pending requests of an order the caller can see. */
    public List<Cancellation> pendingOf(Caller caller, UUID orderId) {
        var order = orders.find(caller, orderId).orElseThrow(() -> RescindException.notFound("Order"));
        return cancellations.pendingOfOrder(order.tenantId(), order.id());
    }

    /**
     * Expires requests nobody decided in time, each with the outcome its policy fixed. Claims them
     * with {@code SKIP LOCKED} and never waits for an order lock (a busy order is retried next
     * round), so any number of instances can run this at once without deadlocks.
     *
     * @return how many requests expired
     */
    public int expireDue(int limit) {
        return transactions.execute(tx -> {
            int expired = 0;
            for (var due : cancellations.claimDue(limit)) {
                var order = orders.tryLock(due.getKey(), due.getValue().orderId());
                if (order.isPresent()) {
                    conclude(order.get(), due.getValue(), Cancellation.Status.EXPIRED, null);
                    expired++;
                }
            }
            return expired;
        });
    }

    /** Accepts, rejects or expires a pending request on its locked order. */
    private Cancellation conclude(PurchaseOrder order, Cancellation pending, Cancellation.Status outcome, UUID by) {
        boolean accept = outcome == Cancellation.Status.ACCEPTED
                || (outcome == Cancellation.Status.EXPIRED && pending.onExpiry() == CancellationPolicy.OnExpiry.ACCEPT);
        var changed = new ArrayList<OrderLine>();
        var finalLines = new ArrayList<CancelledLine>();
        for (var held : pending.lines()) {
            var line = order.lines().stream()
                    .filter(candidate -> candidate.id().equals(held.lineId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("Line " + held.lineId() + " is gone"));
            if (accept) {
                var amounts = amountsOnAcceptance(line, held);
                changed.add(line.acceptCancel(held.quantity(), amounts));
                finalLines.add(
                        new CancelledLine(held.lineId(), held.lineNumber(), held.position(), held.quantity(), amounts));
            } else {
                changed.add(line.releaseCancel(held.quantity()));
                finalLines.add(held);
            }
        }
        var decided = pending.decided(outcome, finalLines, by, Instant.now());
        orders.save(order, changed);
        var type = "order.cancellation_" + outcome.name().toLowerCase();
        journal.record(
                order.tenantId(),
                order.id(),
                by,
                new CancellationDecided(type, decided.id(), order.id(), outcome, by, finalLines));
        if (accept) {
            // Announced like any cancel, so whatever reacts to cancelled units (inventory) needs
            // to know nothing about approvals.
            journal.record(
                    order.tenantId(),
                    order.id(),
                    by,
                    new LinesCancelled(decided.id(), order.id(), decided.reason(), decided.note(), finalLines));
            // A request does not keep its command's restock choice: accepted units are restocked.
            events.publishEvent(applied(order, by, decided, true));
        }
        cancellations.decide(order.tenantId(), decided);
        return decided;
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

    private Optional<PurchaseOrder> lock(Caller caller, CancelLines command) {
        var keys = switch (command.scope()) {
            case CancelLines.WholeOrder whole -> LineKeys.ALL;
            case CancelLines.Lines lines -> keysOf(lines.lines());
        };
        return switch (command.order()) {
            case CancelLines.OrderRef.ById byId -> orders.lock(caller, byId.id(), keys);
            case CancelLines.OrderRef.ByNumber byNumber -> orders.lockByNumber(caller, byNumber.number(), keys);
        };
    }

    private static LineKeys keysOf(List<LineCancel> lines) {
        var ids = new HashSet<UUID>();
        var numbers = new HashSet<Integer>();
        var positions = new HashSet<String>();
        for (var cancel : lines) {
            switch (cancel.line()) {
                case LineRef.ById byId -> ids.add(byId.id());
                case LineRef.ByNumber byNumber -> numbers.add(byNumber.number());
                case LineRef.ByPosition byPosition -> positions.add(byPosition.position());
            }
        }
        return new LineKeys(ids, numbers, positions);
    }

    private record Target(OrderLine line, Long quantity, RequestedAmounts amounts) {}

    /** The lines a command names, each once; naming an unknown line fails the whole command. */
    private static List<Target> targets(PurchaseOrder order, CancelLines.Scope scope) {
        return switch (scope) {
            case CancelLines.WholeOrder whole ->
                order.lines().stream()
                        .filter(line ->
                                line.openQuantity() > 0 && !line.status().isFinal())
                        .map(line -> new Target(line, null, null))
                        .toList();
            case CancelLines.Lines lines -> {
                var targets = new ArrayList<Target>();
                var seen = new HashSet<UUID>();
                for (var cancel : lines.lines()) {
                    var line = order.lines().stream()
                            .filter(candidate -> matches(candidate, cancel.line()))
                            .findFirst()
                            .orElseThrow(() -> new RescindException(
                                    Kind.UNPROCESSABLE,
                                    "unknown-line",
                                    "The order has no line " + describe(cancel.line()),
                                    Map.of("line", describe(cancel.line()))));
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

    private static boolean matches(OrderLine line, LineRef ref) {
        return switch (ref) {
            case LineRef.ById byId -> line.id().equals(byId.id());
            case LineRef.ByNumber byNumber -> line.number() == byNumber.number();
            case LineRef.ByPosition byPosition -> line.position().equals(byPosition.position());
        };
    }

    private static String describe(LineRef ref) {
        return switch (ref) {
            case LineRef.ById byId -> byId.id().toString();
            case LineRef.ByNumber byNumber -> String.valueOf(byNumber.number());
            case LineRef.ByPosition byPosition -> "'" + byPosition.position() + "'";
        };
    }

    private sealed interface Pricing {}

    private record Priced(Amounts amounts) implements Pricing {}

    private record Unpriced(RefusalReason reason, String detail) implements Pricing {}

    /** The money to cancel: prorated, with any part the client stated checked and used instead. */
    private static Pricing price(PurchaseOrder order, OrderLine line, long units, RequestedAmounts requested) {
        var prorated = Proration.prorate(line, units);
        if (requested == null) {
            return new Priced(prorated);
        }
        if (requested.currency() != null && !requested.currency().equals(order.currency())) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "currency-mismatch",
                    "Amounts are in %s but the order is in %s".formatted(requested.currency(), order.currency()));
        }
        int scale = order.scale();
        var remaining = line.remaining();
        var stated = new Amounts(
                requested.price() == null ? prorated.price() : OrderLifecycle.money(requested.price(), scale, "price"),
                requested.shippingPrice() == null
                        ? prorated.shippingPrice()
                        : OrderLifecycle.money(requested.shippingPrice(), scale, "shippingPrice"),
                merge(prorated.taxes(), requested.taxes(), scale),
                merge(prorated.shippingTaxes(), requested.shippingTaxes(), scale));
        var unknown = unknownCodes(prorated.taxes(), requested.taxes());
        unknown.addAll(unknownCodes(prorated.shippingTaxes(), requested.shippingTaxes()));
        if (!unknown.isEmpty()) {
            return new Unpriced(
                    RefusalReason.UNKNOWN_TAX_CODE,
                    "Line %d has no tax %s".formatted(line.number(), String.join(", ", unknown)));
        }
        if (!stated.fitsWithin(remaining)) {
            return new Unpriced(
                    RefusalReason.AMOUNT_EXCEEDS_REMAINING,
                    "Line %d has %s left to cancel in total"
                            .formatted(line.number(), remaining.total().toPlainString()));
        }
        return new Priced(stated);
    }

    private static List<Amounts.Tax> merge(List<Amounts.Tax> prorated, List<Amounts.Tax> requested, int scale) {
        if (requested == null) {
            return prorated;
        }
        Map<String, BigDecimal> stated =
                requested.stream().collect(Collectors.toMap(Amounts.Tax::code, Amounts.Tax::amount, (a, b) -> b));
        return prorated.stream()
                .map(tax -> stated.containsKey(tax.code())
                        ? new Amounts.Tax(tax.code(), OrderLifecycle.money(stated.get(tax.code()), scale, "taxes"))
                        : tax)
                .toList();
    }

    private static List<String> unknownCodes(List<Amounts.Tax> known, List<Amounts.Tax> requested) {
        if (requested == null) {
            return new ArrayList<>();
        }
        var codes = known.stream().map(Amounts.Tax::code).collect(Collectors.toSet());
        return requested.stream()
                .map(Amounts.Tax::code)
                .filter(code -> !codes.contains(code))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static Refusal refusal(OrderLine line, RefusalReason reason, String detail) {
        return new Refusal(line.id(), line.number(), line.position(), reason, detail);
    }
}
