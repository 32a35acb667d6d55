package io.rescind.dialects.tradecloud;

import io.rescind.actions.Actions;
import io.rescind.actions.Step;
import io.rescind.actions.Submission;
import io.rescind.cancellation.Reverts;
import io.rescind.orders.Amendment;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.orders.CancelLines.OrderRef;
import io.rescind.orders.CancelReason;
import io.rescind.orders.LineMove;
import io.rescind.orders.LineRef;
import io.rescind.orders.NewOrder;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import io.rescind.parties.Parties;
import io.rescind.parties.PartyRole;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tradecloud's API v2 buyer connector (orders and order indicators), the supplier's order
 * response and the order read side. Buyers address orders by their own purchase order number,
 * suppliers by the buyer's account number (the buyer's party id) and that number.
 */
@RestController
@Tag(name = "Orders")
class TradecloudController {

    private static final Map<String, Boolean> OK = Map.of("ok", true);
    private static final ResponseEntity<Map<String, Boolean>> DONE = ResponseEntity.ok(OK);
    private static final ResponseEntity<Map<String, Boolean>> QUEUED =
            ResponseEntity.status(HttpStatus.ACCEPTED).body(OK);
    private static final Pattern NO_SPACES = Pattern.compile("\\S{1,100}");
    static final Pattern POSITION = Pattern.compile("\\S{1,50}");
    private static final int MAX_LINES = 500;

    /** How long a message waits for an order locked by a long change before it is queued. */
    private static final Duration LOCK_BUDGET = Duration.ofMillis(500);

    private final Reverts reverts;
    private final OrderLifecycle orders;
    private final Parties parties;
    private final Actions actions;

    TradecloudController(Reverts reverts, OrderLifecycle orders, Parties parties, Actions actions) {
        this.reverts = reverts;
        this.orders = orders;
        this.parties = parties;
        this.actions = actions;
    }

    /**
     * Order-level {@code cancelled} cancels every line of an existing order; a line's own flag
     * takes precedence. A line that cannot be cancelled does not fail the call: the engine records
     * its refusal in the order's history and events.
     */
    @Operation(
            operationId = "sendOrderIndicators",
            summary = "Send order indicators",
            description =
                    "The buyer's indicators for an order and its lines; `cancelled` indicators cancel lines (queued in the order's inbox when the order is busy).")
    @ApiResponse(responseCode = "200", description = "Done")
    @ApiResponse(responseCode = "202", description = "Queued")
    @PostMapping("/v2/api-connector/order/indicators")
    ResponseEntity<Map<String, Boolean>> indicators(
            @AuthenticationPrincipal Caller caller, @RequestBody Messages.OrderIndicators message) {
        requireRole(caller, PartyRole.BUYER);
        if (message.order() == null) {
            throw TradecloudError.badRequest("order is required");
        }
        var number = purchaseOrderNumber(message.order().purchaseOrderNumber());
        var lines = message.linesOrEmpty();
        requireAtMost(lines.size());
        var flags =
                Indicators.byPosition(lines, Messages.IndicatorsLine::position, Messages.IndicatorsLine::indicators);
        var order = ownOrder(caller, number);
        requireKnownPositions(order, flags.keySet());
        var completed = Indicators.completedByIndicators(
                positions(order), message.order().indicators(), flags);
        var steps = new ArrayList<Step>();
        if (!completed.isEmpty()) {
            steps.add(new Step.Amend(new Amendment(order.id(), List.of(), completed)));
        }
        steps.addAll(cancels(
                order,
                Indicators.cancelledByIndicators(
                        positions(order), message.order().indicators(), flags)));
        return submit(caller, order, steps);
    }

    /**
     * A buyer issues a new order or resends one. A resend updates the order's lines (new positions,
     * changed content; Completed and Cancelled lines stay as they are), then completes and cancels
     * as its indicators say: order-level {@code cancelled} for the lines in the message,
     * {@code cancelLineWhenMissing} for the lines left out.
     */
    @Operation(
            operationId = "sendOrder",
            summary = "Send an order",
            description =
                    "The buyer sends a new order or an update of its lines; lines left out of an update are cancelled when `cancelled` says so.")
    @ApiResponse(responseCode = "200", description = "Done")
    @ApiResponse(responseCode = "202", description = "Queued")
    @PostMapping("/v2/api-connector/order")
    ResponseEntity<Map<String, Boolean>> order(
            @AuthenticationPrincipal Caller caller, @RequestBody Messages.Order message) {
        requireRole(caller, PartyRole.BUYER);
        var header = message.order();
        if (header == null) {
            throw TradecloudError.badRequest("order is required");
        }
        var number = purchaseOrderNumber(header.purchaseOrderNumber());
        var lines = message.linesOrEmpty();
        requireAtMost(lines.size());
        var flags = Indicators.byPosition(lines, Messages.OrderLine::position, Messages.OrderLine::indicators);
        var existing = orders.findByBuyerOrderNumber(caller, caller.partyId(), number);
        var order = existing.isPresent()
                ? existing.get()
                : orders.place(caller, newOrder(caller, header, number, lines)).order();
        // Content first (new lines, changed lines, completions), then the cancels, all through the
        // order's inbox so that they keep their place among the order's other messages.
        var amendment = LineContents.amendment(order, lines, header.indicators(), flags);
        var steps = new ArrayList<Step>();
        if (existing.isPresent() || orders.wouldChange(order, amendment)) {
            steps.add(new Step.Amend(amendment));
        }
        var positions = new LinkedHashSet<>(positions(order));
        amendment.lines().forEach(line -> positions.add(line.position()));
        steps.addAll(cancels(order, Indicators.cancelledByOrder(List.copyOf(positions), header.indicators(), flags)));
        return submit(caller, order, steps);
    }

    /** A supplier accepts (Confirmed) or rejects (Rejected) lines; Completed and Cancelled lines stay as they are. */
    @Operation(
            operationId = "sendOrderResponse",
            summary = "Send an order response",
            description = "The supplier accepts, rejects or cancels lines of an order.")
    @ApiResponse(responseCode = "200", description = "Done")
    @PostMapping("/v2/api-connector/order-response")
    Map<String, Boolean> orderResponse(
            @AuthenticationPrincipal Caller caller, @RequestBody Messages.OrderResponse message) {
        requireRole(caller, PartyRole.SELLER);
        var header = message.order();
        if (header == null) {
            throw TradecloudError.badRequest("order is required");
        }
        var number = purchaseOrderNumber(header.purchaseOrderNumber());
        var buyer =
                partyId(caller, header.buyerAccountNumber(), "buyerAccountNumber", "Buyer account number not found");
        var lines = message.linesOrEmpty();
        requireAtMost(lines.size());
        var flags = Indicators.byPosition(
                lines, Messages.ResponseLine::purchaseOrderLinePosition, Messages.ResponseLine::indicators);
        var order = orders.findByBuyerOrderNumber(caller, buyer, number)
                .orElseThrow(() -> TradecloudError.notFound("Order not found"));
        requireKnownPositions(order, flags.keySet());
        var answers = new java.util.HashMap<java.util.UUID, LineMove>();
        for (var line : order.lines()) {
            // A line that answers for itself (accepted or rejected set) overrides the order's answer.
            var own = flags.get(line.position());
            var answer = own != null && (own.accepted() != null || own.rejected() != null)
                    ? own
                    : Indicators.orNone(header.indicators());
            boolean accepted = Boolean.TRUE.equals(answer.accepted());
            boolean rejected = Boolean.TRUE.equals(answer.rejected());
            if (accepted && rejected) {
                throw TradecloudError.badRequest("Line '%s' is both accepted and rejected".formatted(line.position()));
            }
            if (accepted || rejected) {
                answers.put(line.id(), accepted ? new LineMove.Confirm() : new LineMove.Reject());
            }
        }
        orders.answer(caller, order.id(), answers);
        return OK;
    }

    /**
     * Un-cancels lines of the buyer's order: each returns to the status it had, at the order
     * {@code version} the buyer saw (a stale one is 409). Answers the order as it now is.
     */
    @Operation(
            operationId = "revertCancelled",
            summary = "Revert cancelled lines",
            description = "Returns cancelled lines to the status they had.")
    @ApiResponse(responseCode = "200", description = "The order now")
    @ApiResponse(responseCode = "409", description = "The order changed meanwhile")
    @PostMapping("/v2/order/{orderId}/revertCancelled")
    TradecloudOrderView revertCancelled(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String orderId,
            @RequestBody Messages.RevertCancelled message) {
        var id = orderId(orderId);
        var positions = message.linePositions();
        if (positions == null || positions.isEmpty() || positions.size() > MAX_LINES) {
            throw TradecloudError.badRequest("linePositions needs 1 to %d positions".formatted(MAX_LINES));
        }
        if (positions.stream().anyMatch(p -> p == null || !POSITION.matcher(p).matches())) {
            throw TradecloudError.badRequest("Every line position has at most 50 characters and no spaces");
        }
        if (message.version() == null || message.version() < 0) {
            throw TradecloudError.badRequest("version is required");
        }
        if (message.reason() != null && message.reason().length() > 1000) {
            throw TradecloudError.badRequest("reason has at most 1000 characters");
        }
        return TradecloudOrderView.of(reverts.revert(caller, id, positions, message.reason(), message.version()));
    }

    @Operation(operationId = "getOrder", summary = "Read an order", description = "The order as Tradecloud shows it.")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping("/v2/order/{orderId}")
    TradecloudOrderView get(@AuthenticationPrincipal Caller caller, @PathVariable String orderId) {
        return TradecloudOrderView.of(orders.get(caller, orderId(orderId)));
    }

    private static UUID orderId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            throw TradecloudError.notFound("Order not found");
        }
    }

    /** Anything else under Tradecloud's paths, in the dialect's shape rather than the canonical API's. */
    @Hidden
    @RequestMapping({"/v2/api-connector/**", "/v2/order/**"})
    void elsewhere() {
        throw TradecloudError.notFound("Not found");
    }

    /**
     * One engine command per line: the engine is all-or-nothing per command, Tradecloud decides
     * line by line, so a Completed or Cancelled line is refused on its own (and that refusal is
     * recorded) while the others are cancelled.
     */
    private static List<Step> cancels(PurchaseOrder order, List<String> positions) {
        return positions.stream()
                .<Step>map(position -> new Step.Cancel(new CancelLines(
                        new OrderRef.ById(order.id()),
                        new CancelLines.Lines(List.of(new LineCancel(new LineRef.ByPosition(position), null, null))),
                        CancelReason.BUYER_CANCELLED,
                        null,
                        null)))
                .toList();
    }

    /**
     * The message goes through the order's inbox: it is carried out now unless earlier messages for
     * the order are still queued or the order stays locked longer than the budget; then it is queued
     * behind them and carried out in turn: 202.
     */
    private ResponseEntity<Map<String, Boolean>> submit(Caller caller, PurchaseOrder order, List<Step> steps) {
        return switch (actions.runOrQueue(caller, inbox(order), steps, LOCK_BUDGET)) {
            // Tradecloud accepts the message whatever becomes of each line; the order's history and
            // events tell.
            case Submission.Ran ran -> DONE;
            case Submission.Queued queued -> QUEUED;
        };
    }

    /** The ordering key of a purchase order's inbox: its messages are carried out one after another. */
    private static String inbox(PurchaseOrder order) {
        return "tradecloud/order/" + order.id();
    }

    private PurchaseOrder ownOrder(Caller caller, String number) {
        return orders.findByBuyerOrderNumber(caller, caller.partyId(), number)
                .orElseThrow(() -> TradecloudError.notFound("Order not found"));
    }

    private NewOrder newOrder(
            Caller caller, Messages.OrderHeader header, String number, List<Messages.OrderLine> lines) {
        var seller = partyId(
                caller, header.supplierAccountNumber(), "supplierAccountNumber", "Supplier account number not found");
        if (parties.find(caller.tenantId(), seller)
                .filter(p -> p.role() == PartyRole.SELLER)
                .isEmpty()) {
            throw TradecloudError.notFound("Supplier account number not found");
        }
        if (lines.isEmpty()) {
            throw TradecloudError.badRequest("A new order needs at least one line");
        }
        String currency = null;
        var newLines = new ArrayList<NewOrder.NewLine>();
        for (var line : lines) {
            var where = "Line '%s'".formatted(line.position());
            if (!POSITION.matcher(line.position()).matches()) {
                throw TradecloudError.badRequest(where + ": position has at most 50 characters and no spaces");
            }
            if (line.item() == null
                    || line.item().number() == null
                    || line.item().number().isBlank()) {
                throw TradecloudError.badRequest(where + ": item.number is required");
            }
            var money = line.prices() == null
                            || line.prices().netPrice() == null
                            || line.prices().netPrice().priceInTransactionCurrency() == null
                    ? null
                    : line.prices().netPrice().priceInTransactionCurrency();
            if (money == null || money.value() == null || money.currencyIso() == null) {
                throw TradecloudError.badRequest(
                        where + ": prices.netPrice.priceInTransactionCurrency with value and currencyIso is required");
            }
            if (currency != null && !currency.equals(money.currencyIso())) {
                throw TradecloudError.badRequest(where + ": every line of an order has the same currency");
            }
            currency = money.currencyIso();
            newLines.add(new NewOrder.NewLine(
                    line.position(),
                    line.item().number(),
                    line.description() != null
                            ? line.description()
                            : line.item().name(),
                    quantity(where, line.deliverySchedule()),
                    unitPrice(where, money.value(), line.prices().priceUnitQuantity()),
                    List.of(),
                    BigDecimal.ZERO,
                    List.of()));
        }
        return new NewOrder(number, null, seller, currency, newLines);
    }

    /** Rescind counts whole units: the line's quantity is the sum of its delivery schedule. */
    static long quantity(String where, List<Messages.ScheduledDelivery> schedule) {
        if (schedule == null || schedule.isEmpty()) {
            throw TradecloudError.badRequest(where + ": deliverySchedule with a quantity is required");
        }
        var total = BigDecimal.ZERO;
        for (var delivery : schedule) {
            if (delivery == null
                    || delivery.quantity() == null
                    || delivery.quantity().signum() <= 0) {
                throw TradecloudError.badRequest(where + ": every scheduled delivery needs a positive quantity");
            }
            total = total.add(delivery.quantity());
        }
        try {
            long units = total.longValueExact();
            if (units > 1_000_000_000L) {
                throw TradecloudError.badRequest(where + ": the quantity is too large");
            }
            return units;
        } catch (ArithmeticException fractional) {
            throw TradecloudError.badRequest(where + ": quantities must be whole units, not " + total.toPlainString());
        }
    }

    /** The largest {@code priceUnitQuantity} taken: a price per million units is already unusual. */
    private static final BigDecimal MAX_PRICE_UNIT = BigDecimal.valueOf(1_000_000);

    /**
     * The net price is per {@code priceUnitQuantity} units; Rescind keeps the price of one unit. A
     * price unit that is not a positive number of at most six decimals up to a million, or that
     * makes the unit price leave the range of a price, is refused, never rounded to something else.
     */
    static BigDecimal unitPrice(String where, BigDecimal value, BigDecimal priceUnitQuantity) {
        if (value.signum() < 0 || value.precision() - value.scale() > 13) {
            throw TradecloudError.badRequest(where + ": the net price is out of range");
        }
        if (priceUnitQuantity == null) {
            return value;
        }
        if (priceUnitQuantity.signum() <= 0
                || priceUnitQuantity.compareTo(MAX_PRICE_UNIT) > 0
                || priceUnitQuantity.stripTrailingZeros().scale() > 6) {
            throw TradecloudError.badRequest(where
                    + ": prices.priceUnitQuantity must be a positive number of at most 6 decimals, up to 1000000, not "
                    + priceUnitQuantity.toString());
        }
        var unit = value.divide(priceUnitQuantity, MathContext.DECIMAL64).stripTrailingZeros();
        if (unit.precision() - unit.scale() > 13) {
            throw TradecloudError.badRequest(
                    where + ": prices.netPrice divided by prices.priceUnitQuantity is out of the range of a price");
        }
        return unit;
    }

    private static List<String> positions(PurchaseOrder order) {
        return order.lines().stream().map(OrderLine::position).toList();
    }

    /** A position the order does not have is a bad request: nothing of the message is applied. */
    private static void requireKnownPositions(PurchaseOrder order, Set<String> named) {
        var known = Set.copyOf(positions(order));
        var unknown = named.stream().filter(p -> !known.contains(p)).toList();
        if (!unknown.isEmpty()) {
            throw TradecloudError.badRequest("Order %s has no line at position %s"
                    .formatted(order.buyerOrderNumber(), String.join(", ", unknown)));
        }
    }

    private static String purchaseOrderNumber(String number) {
        if (number == null || !NO_SPACES.matcher(number).matches()) {
            throw TradecloudError.badRequest(
                    "order.purchaseOrderNumber is required, without whitespace, at most 100 characters");
        }
        return number;
    }

    /** Account numbers are Rescind party ids; anything else names no known account. */
    /** A party by its Tradecloud account number (its {@code tradecloud} reference), or by Rescind's id. */
    private UUID partyId(Caller caller, String accountNumber, String field, String notFound) {
        if (accountNumber == null || accountNumber.isBlank()) {
            throw TradecloudError.badRequest("order.%s is required".formatted(field));
        }
        var known = parties.findByReference(caller.tenantId(), "tradecloud", accountNumber.trim());
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return UUID.fromString(accountNumber.trim());
        } catch (IllegalArgumentException notAPartyId) {
            throw TradecloudError.notFound(notFound);
        }
    }

    private static void requireAtMost(int lines) {
        if (lines > MAX_LINES) {
            throw TradecloudError.badRequest("At most %d lines per message".formatted(MAX_LINES));
        }
    }

    private static void requireRole(Caller caller, PartyRole role) {
        if (caller.role() != role) {
            throw new TradecloudError(
                    HttpStatus.FORBIDDEN,
                    role == PartyRole.BUYER ? "This call is for buyers" : "This call is for suppliers");
        }
    }
}
