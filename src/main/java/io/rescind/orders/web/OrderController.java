package io.rescind.orders.web;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.events.EventCatalog;
import io.rescind.orders.Amendment;
import io.rescind.orders.Amounts.Tax;
import io.rescind.orders.HistoryEntry;
import io.rescind.orders.LineAmendment;
import io.rescind.orders.LineMove;
import io.rescind.orders.LineStatus;
import io.rescind.orders.NewOrder;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.OrderQuery;
import io.rescind.orders.Placement;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.web.OrderViews.LineView;
import io.rescind.orders.web.OrderViews.OrderPage;
import io.rescind.orders.web.OrderViews.OrderView;
import io.rescind.parties.Caller;
import io.rescind.parties.References;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders")
class OrderController {

    record OrderRequest(
            @NotBlank @Size(max = 100) String orderNumber,
            UUID buyerId,
            @NotNull UUID sellerId,

            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code")
            String currency,

            @NotEmpty @Size(max = 500) List<@Valid @NotNull LineRequest> lines,
            Map<String, String> references) {}

    record LineRequest(
            @Size(min = 1, max = 50) @Pattern(regexp = "\\S+", message = "must not contain spaces")
            String position,

            @NotBlank @Size(max = 100) String productId,
            @Size(max = 1000) String description,
            @NotNull @Min(1) @Max(1_000_000_000) Long quantity,

            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4)
            BigDecimal unitPrice,

            @Size(max = 20) List<@Valid @NotNull Tax> taxes,

            @DecimalMin("0") @Digits(integer = 13, fraction = 4)
            BigDecimal shippingPrice,

            @Size(max = 20) List<@Valid @NotNull Tax> shippingTaxes,
            Map<String, String> references) {}

    /** A buyer's update: lines by position (a new position is a new line), then lines to complete. */
    record AmendRequest(
            @Size(max = 500) List<@Valid @NotNull AmendLine> lines,
            @Size(max = 500) List<@NotNull @Size(min = 1, max = 50) String> complete) {}

    /** A field left out keeps what the line has; a new position needs product, quantity and price. */
    record AmendLine(
            @NotNull @Size(min = 1, max = 50) @Pattern(regexp = "\\S+", message = "must not contain spaces")
            String position,

            @Size(min = 1, max = 100) @Pattern(regexp = "\\S.*", message = "must not be blank")
            String productId,

            @Size(max = 1000) String description,
            @Min(1) @Max(1_000_000_000) Long quantity,

            @DecimalMin("0") @Digits(integer = 12, fraction = 4)
            BigDecimal unitPrice) {}

    record AmendedView(OrderView order, List<LineAmendment> lines) {}

    record ShipRequest(@NotNull @Min(1) @Max(1_000_000_000) Long quantity) {}

    private final OrderLifecycle lifecycle;

    OrderController(OrderLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Operation(
            operationId = "placeOrder",
            summary = "Place an order",
            description = "The buyer (or an operator naming `buyerId`) places a purchase order with its lines."
                    + " The same order number with the same content returns the order placed first (200);"
                    + " with other content it is refused (409 `order-number-taken`).")
    @ApiResponse(responseCode = "201", description = "The order, placed now")
    @ApiResponse(responseCode = "200", description = "The order placed earlier with the same number and content")
    @ApiResponse(
            responseCode = "409",
            description = "The order number is taken by an order with other content, or a reference by another order")
    @ApiResponse(responseCode = "422", description = "The order breaks a rule of the data model")
    @PostMapping
    ResponseEntity<OrderView> place(@AuthenticationPrincipal Caller caller, @Valid @RequestBody OrderRequest request) {
        var order = new NewOrder(
                request.orderNumber(),
                request.buyerId(),
                request.sellerId(),
                request.currency(),
                java.util.stream.IntStream.range(0, request.lines().size())
                        .mapToObj(i -> {
                            var line = request.lines().get(i);
                            return new NewOrder.NewLine(
                                    line.position(),
                                    line.productId(),
                                    line.description(),
                                    line.quantity(),
                                    line.unitPrice(),
                                    line.taxes(),
                                    line.shippingPrice(),
                                    line.shippingTaxes(),
                                    References.of(line.references(), "lines[%d].references".formatted(i)));
                        })
                        .toList(),
                References.of(request.references(), "references"));
        return switch (lifecycle.place(caller, order)) {
            case Placement.Placed placed ->
                ResponseEntity.created(
                                URI.create("/api/v1/orders/" + placed.order().id()))
                        .body(view(caller, placed.order()));
            case Placement.AlreadyPlaced again -> ResponseEntity.ok(view(caller, again.order()));
        };
    }

    /**
     * The buyer updates its order: each line's change applied or refused on its own (see {@code
     * lines[].outcome}); Completed and Cancelled lines ignore changes.
     */
    @Operation(
            operationId = "amendOrder",
            summary = "Update an order's lines",
            description = "The buyer updates lines by position (a new position adds a line) and completes"
                    + " confirmed lines; each change is applied or refused on its own (`lines[].outcome`).")
    @ApiResponse(responseCode = "200", description = "The order after the update, and each line's outcome")
    @ApiResponse(
            responseCode = "409",
            description = "The order changed meanwhile or cannot be updated",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(
            responseCode = "422",
            description = "The update breaks a rule of the data model",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    // Declared so that an Accept it cannot answer is refused (406) before the order is changed.
    @PatchMapping(path = "/{orderId}", produces = MediaType.APPLICATION_JSON_VALUE)
    AmendedView amend(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @Valid @RequestBody AmendRequest request) {
        var lines = request.lines() == null ? List.<AmendLine>of() : request.lines();
        var amendment = new Amendment(
                orderId,
                lines.stream()
                        .map(line -> new Amendment.LineContent(
                                line.position(),
                                line.productId(),
                                line.description(),
                                line.quantity(),
                                line.unitPrice()))
                        .toList(),
                request.complete() == null ? List.of() : request.complete());
        var amended = lifecycle.amend(caller, amendment, null).orElseThrow();
        return new AmendedView(OrderView.of(amended.order()), amended.lines());
    }

    @Operation(
            operationId = "getOrder",
            summary = "Read an order",
            description = "The order with its lines, their statuses and amounts, as its buyer, seller or an"
                    + " operator sees it.")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping("/{orderId}")
    OrderView get(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
        return view(caller, lifecycle.get(caller, orderId));
    }

    @Operation(
            operationId = "getOrderByReference",
            summary = "Find an order by another system's id",
            description = "The order whose `references` give `externalId` in `channel` (a platform such as"
                    + " `mirakl`, or the tenant's own, such as `erp`), if the caller may see it.")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping("/by-reference/{channel}/{externalId}")
    OrderView byReference(
            @AuthenticationPrincipal Caller caller, @PathVariable String channel, @PathVariable String externalId) {
        return view(caller, lifecycle.getByReference(caller, channel, externalId));
    }

    private OrderView view(Caller caller, PurchaseOrder order) {
        return OrderView.of(order, lifecycle.references(caller, order));
    }

    @Operation(
            operationId = "listOrders",
            summary = "List orders",
            description = "Orders the caller may see, oldest first, a page at a time: pass `nextCursor` as"
                    + " `cursor` for the next page. Filters combine; `orderNumber` is the buyer's order"
                    + " number. Unknown query parameters are refused (400).")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @GetMapping
    OrderPage list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) LineStatus status,
            @RequestParam(required = false) UUID buyerId,
            @RequestParam(required = false) UUID sellerId,
            @RequestParam(required = false) Instant updatedSince,
            @RequestParam(required = false) @Size(min = 1, max = 100) String orderNumber,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        var orders = lifecycle.list(
                caller,
                new OrderQuery(
                        status,
                        buyerId,
                        sellerId,
                        updatedSince,
                        afterNumber(cursor),
                        limit,
                        null,
                        null,
                        null,
                        orderNumber));
        var next = orders.size() < limit ? null : cursorAfter(orders.getLast().number());
        return new OrderPage(orders.stream().map(OrderView::of).toList(), next);
    }

    @Operation(
            operationId = "getOrderHistory",
            summary = "Read an order's history",
            description = "Everything that happened to the order, oldest first; entry types are the event types"
                    + " of webhooks (docs/events.md).")
    @ApiResponse(responseCode = "200", description = "The history entries")
    @GetMapping("/{orderId}/history")
    List<HistoryEntry> history(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
        var digits = currencyDigits(lifecycle.get(caller, orderId).currency());
        return lifecycle.history(caller, orderId).stream()
                .map(entry -> new HistoryEntry(
                        entry.id(),
                        entry.at(),
                        entry.actor(),
                        EventCatalog.externalName(entry.type()),
                        atScale(entry.detail(), digits)))
                .toList();
    }

    private static int currencyDigits(String code) {
        try {
            return Math.max(0, java.util.Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException notIso) {
            return 2;
        }
    }

    /**
     * Amounts in the history as the API shows them elsewhere, at the currency's scale ({@code 10.00},
     * not {@code 10.0}); never rounded, so a unit price with more decimals keeps them. Whole numbers
     * (quantities, line numbers) are not amounts and stay as they are.
     */
    private static JsonNode atScale(JsonNode node, int digits) {
        if (node == null) {
            return null;
        }
        if (node.isFloatingPointNumber()) {
            var value = node.decimalValue();
            return JsonNodeFactory.instance.numberNode(value.setScale(Math.max(value.scale(), digits)));
        }
        if (node instanceof ObjectNode object) {
            var copy = object.objectNode();
            object.properties().forEach(field -> copy.set(field.getKey(), atScale(field.getValue(), digits)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            var copy = array.arrayNode();
            array.forEach(item -> copy.add(atScale(item, digits)));
            return copy;
        }
        return node;
    }

    @Operation(
            operationId = "confirmLine",
            summary = "Confirm a line",
            description =
                    "The seller confirms a line it can deliver. The line must be in a status that allows the move (409 otherwise).")
    @ApiResponse(responseCode = "200", description = "The line after the move")
    @ApiResponse(responseCode = "409", description = "The line's status does not allow the move")
    @PostMapping("/{orderId}/lines/{lineId}/confirm")
    LineView confirm(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID lineId) {
        return LineView.of(lifecycle.move(caller, orderId, lineId, new LineMove.Confirm()));
    }

    @Operation(
            operationId = "rejectLine",
            summary = "Reject a line",
            description =
                    "The seller rejects a line it will not deliver. The line must be in a status that allows the move (409 otherwise).")
    @ApiResponse(responseCode = "200", description = "The line after the move")
    @ApiResponse(responseCode = "409", description = "The line's status does not allow the move")
    @PostMapping("/{orderId}/lines/{lineId}/reject")
    LineView reject(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID lineId) {
        return LineView.of(lifecycle.move(caller, orderId, lineId, new LineMove.Reject()));
    }

    @Operation(
            operationId = "shipLine",
            summary = "Ship units of a line",
            description =
                    "The seller ships `quantity` units of a line; shipped units can no longer be cancelled. The line must be in a status that allows the move (409 otherwise).")
    @ApiResponse(responseCode = "200", description = "The line after the move")
    @ApiResponse(responseCode = "409", description = "The line's status does not allow the move")
    @PostMapping("/{orderId}/lines/{lineId}/ship")
    LineView ship(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @PathVariable UUID lineId,
            @Valid @RequestBody ShipRequest request) {
        return LineView.of(lifecycle.move(caller, orderId, lineId, new LineMove.Ship(request.quantity())));
    }

    @Operation(
            operationId = "completeLine",
            summary = "Complete a line",
            description =
                    "The seller completes a delivered line. The line must be in a status that allows the move (409 otherwise).")
    @ApiResponse(responseCode = "200", description = "The line after the move")
    @ApiResponse(responseCode = "409", description = "The line's status does not allow the move")
    @PostMapping("/{orderId}/lines/{lineId}/complete")
    LineView complete(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID lineId) {
        return LineView.of(lifecycle.move(caller, orderId, lineId, new LineMove.Complete()));
    }

    /** Cursors are opaque to clients; inside, the number of the last order of the page. */
    private static String cursorAfter(long number) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + number).getBytes(StandardCharsets.UTF_8));
    }

    private static long afterNumber(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("o:")) {
                return Long.parseLong(text.substring(2));
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through to the refusal
        }
        throw new RescindException(Kind.INVALID, "invalid-cursor", "The cursor is not one this API handed out");
    }
}
