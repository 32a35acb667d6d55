package io.rescind.orders;

import io.rescind.Fingerprint;
import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.orders.OrderEvents.LineCreated;
import io.rescind.orders.OrderEvents.LineMoved;
import io.rescind.orders.OrderEvents.OrderCreated;
import io.rescind.parties.Caller;
import io.rescind.parties.Parties;
import io.rescind.parties.PartyRole;
import io.rescind.parties.References;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Placing orders and the seller's moves on their lines. */
@Service
public class OrderLifecycle {

    private final PurchaseOrders orders;
    private final OrderJournal journal;
    private final ExternalReferences references;
    private final Parties parties;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    OrderLifecycle(
            PurchaseOrders orders,
            OrderJournal journal,
            ExternalReferences references,
            Parties parties,
            TransactionTemplate transactions,
            JsonMapper json) {
        this.orders = orders;
        this.journal = journal;
        this.references = references;
        this.parties = parties;
        this.transactions = transactions;
        this.json = json;
    }

    /** Places an order; placing the same order number again with the same content is a no-op. */
    public Placement place(Caller caller, NewOrder request) {
        var normalized = normalize(caller, request);
        var fingerprint = Fingerprint.of(json, normalized);
        try {
            return transactions.execute(tx -> placeOrReplay(caller, normalized, fingerprint));
        } catch (DuplicateKeyException raced) {
            // A concurrent request placed the same order number first.
            return transactions.execute(tx -> placeOrReplay(caller, normalized, fingerprint));
        }
    }

    private Placement placeOrReplay(Caller caller, NewOrder order, String fingerprint) {
        var existing = orders.findByBuyerOrderNumber(caller.tenantId(), order.buyerId(), order.buyerOrderNumber());
        if (existing.isPresent()) {
            if (!existing.get().getValue().equals(fingerprint)) {
                throw new RescindException(
                        Kind.CONFLICT,
                        "order-number-conflict",
                        "Order number '%s' was already placed with different content"
                                .formatted(order.buyerOrderNumber()));
            }
            return new Placement.AlreadyPlaced(
                    orders.find(caller, existing.get().getKey()).orElseThrow());
        }
        var lines = new ArrayList<OrderLine>();
        int number = 1;
        for (var line : order.lines()) {
            var totals = new Amounts(
                    line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())),
                    line.shippingPrice(),
                    line.taxes(),
                    line.shippingTaxes());
            lines.add(new OrderLine(
                    UUID.randomUUID(),
                    number,
                    line.position() != null ? line.position() : "%04d".formatted(number),
                    line.productId(),
                    line.description(),
                    line.quantity(),
                    0,
                    0,
                    0,
                    line.unitPrice(),
                    totals,
                    totals.zeroed(),
                    LineStatus.ISSUED,
                    null,
                    0));
            number++;
        }
        var now = Instant.now();
        var placed = new PurchaseOrder(
                caller.tenantId(),
                UUID.randomUUID(),
                orders.nextNumber(caller.tenantId()),
                order.buyerOrderNumber(),
                order.buyerId(),
                order.sellerId(),
                order.currency(),
                now,
                now,
                0,
                lines,
                PurchaseOrder.Unsaved.NONE);
        requireDistinctPositions(placed.lines());
        var taken = references.taken(caller.tenantId(), order.references());
        if (!taken.isEmpty()) {
            throw new RescindException(
                    Kind.CONFLICT,
                    "reference-taken",
                    "Another order of this tenant has the reference %s".formatted(String.join(", ", taken)),
                    java.util.Map.of("references", taken));
        }
        orders.insert(placed, fingerprint);
        var lineReferences = new java.util.HashMap<UUID, References>();
        for (int i = 0; i < placed.lines().size(); i++) {
            lineReferences.put(placed.lines().get(i).id(), order.lines().get(i).references());
        }
        references.add(placed, order.references(), lineReferences);
        journal.record(
                placed.tenantId(),
                placed.id(),
                caller.partyId(),
                new OrderCreated(
                        placed.id(),
                        placed.number(),
                        placed.buyerOrderNumber(),
                        placed.buyerId(),
                        placed.sellerId(),
                        placed.currency(),
                        placed.lines().stream()
                                .map(l ->
                                        new LineCreated(l.id(), l.number(), l.position(), l.productId(), l.quantity()))
                                .toList()));
        return new Placement.Placed(placed);
    }

    /** A seller's (or operator's) move on one line. */
    public OrderLine move(Caller caller, UUID orderId, UUID lineId, LineMove move) {
        if (caller.role() == PartyRole.BUYER) {
            throw new RescindException(Kind.FORBIDDEN, "not-allowed-for-role", "Only the seller moves a line");
        }
        return transactions.execute(tx -> {
            var order = orders.lock(caller, orderId, new LineKeys(Set.of(lineId), Set.of(), Set.of()))
                    .orElseThrow(() -> RescindException.notFound("Order"));
            if (order.lines().isEmpty()) {
                throw RescindException.notFound("Line");
            }
            var moved = orders.save(order.move(lineId, move), caller.partyId());
            return moved.line(lineId);
        });
    }

    /**
     * The seller's answer to lines of an order (see {@link PurchaseOrder#answer}), under the order's
     * lock in one transaction.
     */
    public PurchaseOrder answer(Caller caller, UUID orderId, java.util.Map<UUID, LineMove> answers) {
        if (caller.role() == PartyRole.BUYER) {
            throw new RescindException(Kind.FORBIDDEN, "not-allowed-for-role", "Only the seller answers lines");
        }
        return transactions.execute(tx -> {
            var order =
                    orders.lock(caller, orderId, LineKeys.ALL).orElseThrow(() -> RescindException.notFound("Order"));
            return orders.save(order.answer(answers), caller.partyId());
        });
    }

    /**
     * A buyer's update of its order, in one transaction under the order's lock: new positions
     * become new lines (numbered after the last, never renumbering), open lines take the changes
     * {@link ContentRules} allows and the others are refused line by line, Completed and Cancelled
     * lines ignore changes; then the named lines are completed where the transition table allows.
     * Recorded as one {@code order.amended} history entry (and event) plus a {@code line.completed}
     * per completed line.
     *
     * @param lockBudget how long to wait for the order's lock; null waits as long as it takes
     * @return empty when the order stayed locked longer than the budget, and nothing was changed
     */
    public Optional<Amended> amend(Caller caller, Amendment amendment, Duration lockBudget) {
        if (caller.role() == PartyRole.SELLER) {
            throw new RescindException(Kind.FORBIDDEN, "not-allowed-for-role", "Only the buyer amends its order");
        }
        try {
            return Optional.of(transactions.execute(tx -> {
                if (lockBudget != null) {
                    orders.limitLockWait(lockBudget);
                }
                return amendLocked(caller, amendment);
            }));
        } catch (DataAccessException failed) {
            if (PurchaseOrders.lockNotAvailable(failed)) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    /**
     * Whether the amendment would add, change, complete, ignore or refuse anything on the order as
     * read (without its lock): a resend that only repeats the order can skip the amendment and so
     * never wait for the lock.
     */
    public boolean wouldChange(PurchaseOrder order, Amendment amendment) {
        var byPosition = new HashMap<String, OrderLine>();
        order.lines().forEach(line -> byPosition.put(line.position(), line));
        for (var content : amendment.lines()) {
            var line = byPosition.get(content.position());
            if (line == null || !(ContentRules.judge(line, content) instanceof ContentRules.Same)) {
                return true;
            }
        }
        return amendment.complete().stream()
                .map(byPosition::get)
                .anyMatch(line -> line == null || line.status() != LineStatus.COMPLETED);
    }

    private Amended amendLocked(Caller caller, Amendment amendment) {
        var order = orders.lock(caller, amendment.orderId(), LineKeys.ALL)
                .orElseThrow(() -> RescindException.notFound("Order"));
        int scale = order.scale();
        var current = new LinkedHashMap<String, OrderLine>();
        order.lines().forEach(line -> current.put(line.position(), line));
        int nextNumber =
                order.lines().stream().mapToInt(OrderLine::number).max().orElse(0) + 1;
        var outcomes = new ArrayList<LineAmendment>();
        var added = new ArrayList<OrderLine>();
        var changed = new LinkedHashMap<UUID, OrderLine>();
        var named = new HashSet<String>();
        for (var content : amendment.lines()) {
            if (!named.add(content.position())) {
                throw new RescindException(
                        Kind.UNPROCESSABLE,
                        "duplicate-position",
                        "Position '%s' appears twice".formatted(content.position()));
            }
            var unitPrice = content.unitPrice() == null ? null : Money.exact(content.unitPrice(), scale, "unitPrice");
            var line = current.get(content.position());
            if (line == null) {
                var fresh = newLine(content, unitPrice, nextNumber++, scale);
                added.add(fresh);
                current.put(fresh.position(), fresh);
                outcomes.add(new LineAmendment.Added(
                        fresh.position(),
                        fresh.id(),
                        fresh.number(),
                        fresh.productId(),
                        fresh.quantity(),
                        fresh.unitPrice()));
                continue;
            }
            var wanted = new Amendment.LineContent(
                    content.position(), content.productId(), content.description(), content.quantity(), unitPrice);
            switch (ContentRules.judge(line, wanted)) {
                case ContentRules.Same same -> {}
                case ContentRules.Ignore ignore ->
                    outcomes.add(new LineAmendment.Ignored(line.position(), line.id(), line.number(), line.status()));
                case ContentRules.Refuse refuse ->
                    outcomes.add(new LineAmendment.Refused(
                            line.position(), line.id(), line.number(), refuse.reason(), refuse.detail()));
                case ContentRules.Apply apply -> {
                    changed.put(line.id(), apply.after());
                    current.put(line.position(), apply.after());
                    outcomes.add(new LineAmendment.Changed(
                            line.position(),
                            line.id(),
                            line.number(),
                            line.status(),
                            apply.after().status(),
                            apply.changes()));
                }
            }
        }
        var completions = new ArrayList<LineMoved>();
        for (var position : new LinkedHashSet<>(amendment.complete())) {
            var line = current.get(position);
            if (line == null) {
                throw new RescindException(
                        Kind.UNPROCESSABLE,
                        "unknown-line",
                        "The order has no line at position '%s'".formatted(position));
            }
            if (line.status() == LineStatus.COMPLETED) {
                continue; // completed before: a resent flag changes nothing
            }
            if (!line.status().canTransitionTo(LineStatus.COMPLETED) || line.pendingCancelQuantity() > 0) {
                outcomes.add(new LineAmendment.Refused(
                        position,
                        line.id(),
                        line.number(),
                        "cannot-complete",
                        "Line %d is %s%s; only Confirmed or Shipped lines without a pending cancel can be completed"
                                .formatted(
                                        line.number(),
                                        line.status(),
                                        line.pendingCancelQuantity() > 0 ? " with a pending cancel" : "")));
                continue;
            }
            var done = line.complete();
            changed.put(line.id(), done);
            current.put(position, done);
            outcomes.add(new LineAmendment.Completed(position, line.id(), line.number(), line.status()));
            completions.add(new LineMoved(
                    "line.completed",
                    order.id(),
                    line.id(),
                    line.number(),
                    position,
                    line.status(),
                    LineStatus.COMPLETED,
                    line.shippedQuantity()));
        }
        if (!added.isEmpty() || !changed.isEmpty()) {
            orders.amend(order, added, List.copyOf(changed.values()));
        }
        var amended = new OrderEvents.OrderAmended(
                order.id(),
                only(outcomes, LineAmendment.Added.class),
                only(outcomes, LineAmendment.Changed.class),
                only(outcomes, LineAmendment.Ignored.class),
                only(outcomes, LineAmendment.Refused.class));
        if (!amended.added().isEmpty()
                || !amended.changed().isEmpty()
                || !amended.ignored().isEmpty()
                || !amended.refused().isEmpty()) {
            journal.record(order.tenantId(), order.id(), caller.partyId(), amended);
        }
        for (var completion : completions) {
            journal.record(order.tenantId(), order.id(), caller.partyId(), completion);
        }
        return new Amended(orders.find(caller, order.id()).orElseThrow(), outcomes);
    }

    private static <T extends LineAmendment> List<T> only(List<LineAmendment> outcomes, Class<T> kind) {
        return outcomes.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static OrderLine newLine(Amendment.LineContent content, BigDecimal unitPrice, int number, int scale) {
        if (content.productId() == null
                || content.productId().isBlank()
                || content.quantity() == null
                || unitPrice == null) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "incomplete-line",
                    "The new line at position '%s' needs a product, a quantity and a unit price"
                            .formatted(content.position()));
        }
        if (content.quantity() < 1) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "invalid-quantity",
                    "The new line at position '%s' needs at least one unit".formatted(content.position()));
        }
        var totals = new Amounts(
                unitPrice.multiply(BigDecimal.valueOf(content.quantity())),
                BigDecimal.ZERO.setScale(scale),
                List.of(),
                List.of());
        return new OrderLine(
                UUID.randomUUID(),
                number,
                content.position(),
                content.productId(),
                content.description(),
                content.quantity(),
                0,
                0,
                0,
                unitPrice,
                totals,
                totals.zeroed(),
                LineStatus.ISSUED,
                null,
                0);
    }

    public PurchaseOrder get(Caller caller, UUID orderId) {
        return orders.find(caller, orderId).orElseThrow(() -> RescindException.notFound("Order"));
    }

    /** The order by the tenant's running number, for platforms that address orders by integer. */
    public PurchaseOrder getByNumber(Caller caller, long number) {
        return orders.findByNumber(caller, number).orElseThrow(() -> RescindException.notFound("Order"));
    }

    /**
     * A buyer's order by the buyer's own order number, for platforms that address orders that way;
     * empty when the caller may not see it.
     */
    public java.util.Optional<PurchaseOrder> findByBuyerOrderNumber(Caller caller, UUID buyerId, String number) {
        return orders.findByBuyerOrderNumber(caller.tenantId(), buyerId, number)
                .flatMap(found -> orders.find(caller, found.getKey()));
    }

    /** The order holding a line, for platforms that address lines without their order. */
    public java.util.Optional<PurchaseOrder> findByLine(Caller caller, UUID lineId) {
        return orders.findByLine(caller, lineId);
    }

    public List<PurchaseOrder> list(Caller caller, OrderQuery query) {
        return orders.page(caller, query);
    }

    /** The references of an order the caller sees (under the order's id) and of its lines (under theirs). */
    public java.util.Map<UUID, References> references(Caller caller, PurchaseOrder order) {
        return references.of(caller.tenantId(), order.id());
    }

    /** The order another system knows as {@code externalId} in {@code channel}, if the caller may see it. */
    public PurchaseOrder getByReference(Caller caller, String channel, String externalId) {
        return findByReference(caller, channel, externalId).orElseThrow(() -> RescindException.notFound("Order"));
    }

    public Optional<PurchaseOrder> findByReference(Caller caller, String channel, String externalId) {
        return references.order(caller.tenantId(), channel, externalId).flatMap(id -> orders.find(caller, id));
    }

    public List<HistoryEntry> history(Caller caller, UUID orderId) {
        var order = get(caller, orderId);
        return journal.history(order.tenantId(), order.id());
    }

    /** Resolves the buyer, checks the parties and scales every amount to the currency. */
    private NewOrder normalize(Caller caller, NewOrder request) {
        UUID buyer = switch (caller.role()) {
            case BUYER -> caller.partyId();
            case OPERATOR -> {
                if (request.buyerId() == null) {
                    throw new RescindException(
                            Kind.INVALID, "invalid-request", "An operator places an order for a buyerId");
                }
                yield request.buyerId();
            }
            case SELLER ->
                throw new RescindException(Kind.FORBIDDEN, "not-allowed-for-role", "Orders are placed by buyers");
        };
        requireParty(caller, buyer, PartyRole.BUYER, "buyerId");
        requireParty(caller, request.sellerId(), PartyRole.SELLER, "sellerId");
        int scale = Money.scaleOf(request.currency());
        var lines = request.lines().stream()
                .map(line -> new NewOrder.NewLine(
                        line.position(),
                        line.productId(),
                        line.description(),
                        line.quantity(),
                        Money.exact(line.unitPrice(), scale, "unitPrice"),
                        taxes(line.taxes(), scale),
                        Money.exact(
                                line.shippingPrice() == null ? BigDecimal.ZERO : line.shippingPrice(),
                                scale,
                                "shippingPrice"),
                        taxes(line.shippingTaxes(), scale),
                        line.references()))
                .toList();
        return new NewOrder(
                request.buyerOrderNumber(), buyer, request.sellerId(), request.currency(), lines, request.references());
    }

    private void requireParty(Caller caller, UUID partyId, PartyRole role, String field) {
        var party = parties.find(caller.tenantId(), partyId);
        if (party.isEmpty() || party.get().role() != role) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "unknown-party",
                    "%s %s is not a %s of this tenant"
                            .formatted(field, partyId, role.name().toLowerCase()),
                    java.util.Map.of("field", field));
        }
    }

    private static List<Amounts.Tax> taxes(List<Amounts.Tax> taxes, int scale) {
        if (taxes == null) {
            return List.of();
        }
        var codes = new HashSet<String>();
        for (var tax : taxes) {
            if (!codes.add(tax.code())) {
                throw new RescindException(
                        Kind.UNPROCESSABLE, "duplicate-tax-code", "Tax code '%s' appears twice".formatted(tax.code()));
            }
        }
        return taxes.stream()
                .map(t -> new Amounts.Tax(t.code(), Money.exact(t.amount(), scale, "taxes")))
                .toList();
    }

    private static void requireDistinctPositions(List<OrderLine> lines) {
        var positions = new HashSet<String>();
        for (var line : lines) {
            if (!positions.add(line.position())) {
                throw new RescindException(
                        Kind.UNPROCESSABLE,
                        "duplicate-position",
                        "Position '%s' appears twice".formatted(line.position()));
            }
        }
    }
}
