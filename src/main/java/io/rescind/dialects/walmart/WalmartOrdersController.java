package io.rescind.dialects.walmart;

import io.rescind.RescindException;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.orders.Cancellation;
import io.rescind.orders.LineMove;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.OrderLine;
import io.rescind.orders.OrderQuery;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Walmart CA's order endpoints. {@code purchaseOrderId} is the order's running number and {@code
 * lineNumber} the line's number; everything else is the engine's and the order lifecycle's.
 */
@RestController
@Tag(name = "Orders")
class WalmartOrdersController {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 200;

    private final CancellationEngine engine;
    private final CancellationQueries cancellations;
    private final OrderLifecycle lifecycle;
    private final Bodies bodies;

    WalmartOrdersController(
            CancellationEngine engine, CancellationQueries cancellations, OrderLifecycle lifecycle, Bodies bodies) {
        this.engine = engine;
        this.cancellations = cancellations;
        this.lifecycle = lifecycle;
        this.bodies = bodies;
    }

    @Operation(
            operationId = "cancelOrderLinesCA",
            summary = "Cancel order lines",
            description =
                    "Cancels quantities of order lines (`orderCancellation`, JSON or XML) and answers the order as it is now.")
    @ApiResponse(responseCode = "200", description = "The order after the cancel")
    @ApiResponse(responseCode = "409", description = "The cancel is refused")
    @PostMapping("/v3/ca/orders/{purchaseOrderId}/cancel")
    ResponseEntity<String> cancel(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String purchaseOrderId,
            @RequestBody(required = false) byte[] body,
            HttpServletRequest request) {
        var number = orderNumber(purchaseOrderId);
        var document = bodies.read(request, body, WalmartError.ORDERS, "orderCancellation");
        var format = accepted(request);
        var command = CancelRequest.toCommand(number, document);
        return switch (engine.cancel(caller, command)) {
            case CancelOutcome.Applied applied ->
                order(format, applied.cancellation().orderId(), caller);
            case CancelOutcome.Refused refused -> throw refusal(refused.cancellation());
            // Walmart knows no pending cancel: the order shows the held units as still open.
            case CancelOutcome.Pending pending ->
                order(format, pending.cancellation().orderId(), caller);
        };
    }

    @Operation(
            operationId = "getAnOrder",
            summary = "Read an order",
            description = "The order by its purchase order id.")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping("/v3/ca/orders/{purchaseOrderId}")
    ResponseEntity<String> get(
            @AuthenticationPrincipal Caller caller, @PathVariable String purchaseOrderId, HttpServletRequest request) {
        var format = accepted(request);
        var order = lifecycle.getByNumber(caller, orderNumber(purchaseOrderId));
        return order(format, order.id(), caller);
    }

    /** Confirms every line still waiting for the seller; lines already further on stay as they are. */
    @Operation(
            operationId = "acknowledgeOrdersCA",
            summary = "Acknowledge an order",
            description = "Confirms every line still waiting for the seller; lines further on stay as they are.")
    @ApiResponse(responseCode = "200", description = "The order after the acknowledgement")
    @PostMapping("/v3/ca/orders/{purchaseOrderId}/acknowledge")
    ResponseEntity<String> acknowledge(
            @AuthenticationPrincipal Caller caller, @PathVariable String purchaseOrderId, HttpServletRequest request) {
        var format = accepted(request);
        var order = lifecycle.getByNumber(caller, orderNumber(purchaseOrderId));
        var confirmAll = order.lines().stream()
                .collect(java.util.stream.Collectors.toMap(OrderLine::id, line -> (LineMove) new LineMove.Confirm()));
        lifecycle.answer(caller, order.id(), confirmAll);
        return order(format, order.id(), caller);
    }

    @Operation(
            operationId = "getAllOrders",
            summary = "List orders",
            description = "Orders created from `createdStartDate`, filtered and paged as Walmart's order list is.")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @GetMapping("/v3/ca/orders")
    ResponseEntity<String> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam String createdStartDate,
            @RequestParam(required = false) String createdEndDate,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String sku,
            @RequestParam(required = false) String purchaseOrderId,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String poIndex,
            @RequestParam(required = false) String soIndex,
            HttpServletRequest request) {
        var format = accepted(request);
        var since = date("createdStartDate", createdStartDate);
        var before = createdEndDate == null ? null : date("createdEndDate", createdEndDate);
        var size = limit == null ? DEFAULT_LIMIT : integer("limit", limit, 1, MAX_LIMIT);
        var after = poIndex == null ? 0 : integer("poIndex", poIndex, 0, Long.MAX_VALUE);
        var returnedBefore = soIndex == null ? 0 : integer("soIndex", soIndex, 0, Long.MAX_VALUE);
        var lineStatus = status == null ? null : lineStatus(status);
        List<PurchaseOrder> page;
        if (purchaseOrderId != null) {
            long wanted = orderNumber(purchaseOrderId);
            page =
                    new ArrayList<>(lifecycle
                            .list(
                                    caller,
                                    new OrderQuery(lineStatus, null, null, null, wanted - 1, 1, since, before, sku))
                            .stream()
                            .filter(order -> order.number() == wanted)
                            .toList());
        } else {
            page = new ArrayList<>(lifecycle.list(
                    caller, new OrderQuery(lineStatus, null, null, null, after, (int) size + 1, since, before, sku)));
        }
        boolean more = page.size() > size;
        if (more) {
            page = new ArrayList<>(page.subList(0, (int) size));
        }
        var meta = new LinkedHashMap<String, Object>();
        meta.put("limit", size);
        if (more) {
            var cursor = new StringBuilder("?limit=" + size + "&hasMoreElements=true")
                    .append("&soIndex=")
                    .append(returnedBefore + page.size())
                    .append("&poIndex=")
                    .append(page.getLast().number())
                    .append("&createdStartDate=")
                    .append(encode(createdStartDate));
            if (createdEndDate != null) {
                cursor.append("&createdEndDate=").append(encode(createdEndDate));
            }
            if (status != null) {
                cursor.append("&status=").append(encode(status));
            }
            if (sku != null) {
                cursor.append("&sku=").append(encode(sku));
            }
            meta.put("nextCursor", cursor.toString());
        }
        var orders = new ArrayList<Object>();
        for (var order : page) {
            orders.add(OrderView.of(order, cancellations.cancelledUnits(caller, order.id())));
        }
        var list = new LinkedHashMap<String, Object>();
        list.put("meta", meta);
        list.put("elements", Map.of("order", orders));
        return bodies.render(HttpStatus.OK, format, Bodies.ORDERS_NS, "list", list, true);
    }

    private ResponseEntity<String> order(Format format, java.util.UUID orderId, Caller caller) {
        var order = lifecycle.get(caller, orderId);
        return bodies.render(
                HttpStatus.OK,
                format,
                Bodies.ORDERS_NS,
                "order",
                OrderView.of(order, cancellations.cancelledUnits(caller, orderId)),
                true);
    }

    private static WalmartFault refusal(Cancellation cancellation) {
        var errors = cancellation.refusals().stream()
                .map(refusal -> new WalmartError(
                        WalmartError.Code.INVALID_REQUEST_CONTENT,
                        WalmartError.ORDERS,
                        refusal.lineNumber() == null
                                ? "purchaseOrderId"
                                : "orderLine[lineNumber=%d]".formatted(refusal.lineNumber()),
                        refusal.detail() + " (" + refusal.reason().slug() + ")"))
                .toList();
        return new WalmartFault(errors);
    }

    /** A purchaseOrderId that is not a running number names no order. */
    static long orderNumber(String purchaseOrderId) {
        try {
            long number = Long.parseLong(purchaseOrderId.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // no such order
        }
        throw RescindException.notFound("Order");
    }

    static Format accepted(HttpServletRequest request) {
        return Format.accepted(request)
                .orElseThrow(() -> new WalmartFault(
                        WalmartError.Code.INVALID_ACCEPT_TYPE,
                        WalmartError.GATEWAY,
                        null,
                        "Accept application/xml or application/json"));
    }

    private static Instant date(String name, String text) {
        try {
            return text.length() == 10
                    ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException unreadable) {
            throw param(name, "%s must be an ISO 8601 UTC date or timestamp, not '%s'".formatted(name, text));
        }
    }

    private static long integer(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw param(name, "%s must be a whole number from %d to %d, not '%s'".formatted(name, min, max, text));
    }

    private static LineStatus lineStatus(String status) {
        return switch (status.toLowerCase(java.util.Locale.ROOT)) {
            case "created" -> LineStatus.ISSUED;
            case "acknowledged" -> LineStatus.CONFIRMED;
            case "shipped" -> LineStatus.SHIPPED;
            case "cancelled" -> LineStatus.CANCELLED;
            default ->
                throw param(
                        "status",
                        "status must be Created, Acknowledged, Shipped or Cancelled, not '%s'".formatted(status));
        };
    }

    private static WalmartFault param(String name, String description) {
        return new WalmartFault(WalmartError.Code.INVALID_REQUEST_PARAM, WalmartError.ORDERS, name, description);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
