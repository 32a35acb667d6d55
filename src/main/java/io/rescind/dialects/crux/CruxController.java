package io.rescind.dialects.crux;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationDecisions;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.cancellation.DecideRequest;
import io.rescind.cancellation.DecideRequest.Verdict;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.orders.CancelLines.OrderRef;
import io.rescind.orders.CancelReason;
import io.rescind.orders.Cancellation;
import io.rescind.orders.CancellationPolicy;
import io.rescind.orders.LineRef;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * CRUXconnect's order cancel calls, V1 paths and the same paths under {@code /timp}. Retailers
 * (buyers) ask, suppliers (sellers) confirm or reject: by Crux's default ({@link #CRUX_DEFAULT}) a
 * retailer's cancel waits for the supplier; a seller's own policy may decide otherwise.
 */
@RestController
@Tag(name = "Orders")
class CruxController {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * Crux's reading, used when the seller has set no policy of its own: a retailer's cancel is a
     * request sent to the supplier, who confirms or rejects it, and only items of a pending order
     * (not yet allocated: {@code ISSUED}, {@code IN_PROGRESS}) can be asked for; items past pending
     * are refused (422). Suppliers cancel as the default policy lets them. A seller's explicit policy
     * ({@code PUT /api/v1/sellers/{id}/cancellation-policy}) replaces this one.
     */
    static final CancellationPolicy CRUX_DEFAULT = new CancellationPolicy(
            EnumSet.of(LineStatus.ISSUED, LineStatus.IN_PROGRESS),
            CancellationPolicy.DEFAULT.sellerMayCancel(),
            EnumSet.of(LineStatus.ISSUED, LineStatus.IN_PROGRESS),
            Set.of(),
            CancellationPolicy.DEFAULT_PENDING_TTL,
            CancellationPolicy.OnExpiry.REJECT);

    /** {@code PATCH /orders/cancel/}; other fields are ignored. */
    record OrderCancel(@JsonProperty("order_uuid") String orderUuid) {}

    private final CancellationEngine engine;
    private final CancellationDecisions decisions;
    private final CancellationQueries cancellations;
    private final OrderLifecycle orders;

    CruxController(
            CancellationEngine engine,
            CancellationDecisions decisions,
            CancellationQueries cancellations,
            OrderLifecycle orders) {
        this.engine = engine;
        this.decisions = decisions;
        this.cancellations = cancellations;
        this.orders = orders;
    }

    @Operation(
            operationId = "cancelOrderItem",
            summary = "Cancel an order item",
            description =
                    "A retailer asks to cancel one item of its order. The cancel request is sent to the supplier, who confirms or rejects it (unless the seller's policy lets it apply at once). An item past pending cannot be cancelled (422).")
    @ApiResponse(responseCode = "204", description = "The cancel request is pending (or applied)")
    @ApiResponse(responseCode = "409", description = "The requester is a supplier, not a retailer")
    @ApiResponse(responseCode = "422", description = "The item cannot be cancelled")
    @DeleteMapping({"/orders/items/cancel/{itemUuid}/", "/timp/orders/items/cancel/{itemUuid}/"})
    ResponseEntity<Void> cancelItem(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String itemUuid,
            @RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        requireJsonIfBody(request);
        requireRetailer(caller);
        var lineId = uuid(itemUuid, "order item");
        var order = orderOfItem(caller, lineId);
        var command = new CancelLines(
                new OrderRef.ById(order.id()),
                new CancelLines.Lines(List.of(new LineCancel(new LineRef.ById(lineId), null, null))),
                CancelReason.BUYER_CANCELLED,
                null,
                null,
                true,
                CRUX_DEFAULT);
        return answer(engine.cancel(caller, command));
    }

    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order",
            description =
                    "A retailer asks to cancel every item of its order (`order_uuid`); the supplier confirms or rejects.")
    @ApiResponse(responseCode = "204", description = "The cancel request is pending (or applied)")
    @ApiResponse(responseCode = "409", description = "The requester is a supplier, not a retailer")
    @ApiResponse(responseCode = "422", description = "The order cannot be cancelled")
    @PatchMapping({"/orders/cancel/", "/timp/orders/cancel/"})
    ResponseEntity<Void> cancelOrder(
            @AuthenticationPrincipal Caller caller,
            @RequestBody(required = false) OrderCancel body,
            HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        requireJsonIfBody(request);
        requireRetailer(caller);
        if (body == null || body.orderUuid() == null || body.orderUuid().isBlank()) {
            throw new CruxError(HttpStatus.BAD_REQUEST, "order_uuid is required.");
        }
        if (!UUID_TEXT.matcher(body.orderUuid()).matches()) {
            throw new CruxError(HttpStatus.BAD_REQUEST, "order_uuid must be a UUID.");
        }
        var command = new CancelLines(
                new OrderRef.ById(UUID.fromString(body.orderUuid())),
                new CancelLines.WholeOrder(),
                CancelReason.BUYER_CANCELLED,
                null,
                null,
                true,
                CRUX_DEFAULT);
        return answer(engine.cancel(caller, command));
    }

    @Operation(
            operationId = "decideOrderItemCancel",
            summary = "Confirm or reject an item's cancel",
            description =
                    "The supplier confirms (`.../confirm/`) or rejects (`.../reject/`) the pending cancel request of one item.")
    @ApiResponse(responseCode = "204", description = "Decided")
    @ApiResponse(responseCode = "409", description = "The requester is a retailer, not a supplier")
    @ApiResponse(responseCode = "422", description = "No cancellation is pending for the item")
    @PatchMapping({
        "/timp/orders/items/cancel/{itemUuid}/confirm/",
        "/orders/items/cancel/{itemUuid}/confirm/",
        "/timp/orders/items/cancel/{itemUuid}/reject/",
        "/orders/items/cancel/{itemUuid}/reject/"
    })
    ResponseEntity<Void> decideItem(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String itemUuid,
            @RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        requireJsonIfBody(request);
        requireSupplier(caller);
        var lineId = uuid(itemUuid, "order item");
        var order = orderOfItem(caller, lineId);
        var pending = cancellations.pendingOf(caller, order.id()).stream()
                .filter(c -> c.lines().stream().anyMatch(held -> held.lineId().equals(lineId)))
                .findFirst()
                .orElseThrow(() -> CruxError.unprocessable("No cancellation is pending for this order item."));
        if (pending.lines().size() > 1) {
            throw CruxError.unprocessable(
                    "This item's cancellation is part of an order cancellation; confirm or reject the order.");
        }
        decisions.decide(caller, new DecideRequest(order.id(), pending.id(), verdict(request)));
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "decideOrderCancel",
            summary = "Confirm or reject an order's cancel",
            description =
                    "The supplier confirms (`.../confirm/`) or rejects (`.../reject/`) every pending cancel request of the order.")
    @ApiResponse(responseCode = "204", description = "Decided")
    @ApiResponse(responseCode = "409", description = "The requester is a retailer, not a supplier")
    @ApiResponse(responseCode = "422", description = "No cancellation is pending for the order")
    @PatchMapping({
        "/timp/orders/cancel/{orderUuid}/confirm/",
        "/orders/cancel/{orderUuid}/confirm/",
        "/timp/orders/cancel/{orderUuid}/reject/",
        "/orders/cancel/{orderUuid}/reject/"
    })
    ResponseEntity<Void> decideOrder(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String orderUuid,
            @RequestBody(required = false) Map<String, Object> body,
            HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        requireJsonIfBody(request);
        requireSupplier(caller);
        var decided = decisions.decideAll(caller, uuid(orderUuid, "order"), verdict(request));
        if (decided.isEmpty()) {
            throw CruxError.unprocessable("No cancellation is pending for this order.");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(
            operationId = "getOrder",
            summary = "Read an order",
            description = "The order with its items, their statuses and pending cancel requests.")
    @ApiResponse(responseCode = "200", description = "The order")
    @GetMapping({"/orders/{orderUuid}/", "/timp/orders/{orderUuid}/"})
    CruxOrderView order(@AuthenticationPrincipal Caller caller, @PathVariable String orderUuid) {
        var orderId = uuid(orderUuid, "order");
        return CruxOrderView.of(orders.get(caller, orderId), cancellations.pendingOf(caller, orderId));
    }

    private PurchaseOrder orderOfItem(Caller caller, UUID lineId) {
        return orders.findByLine(caller, lineId).orElseThrow(() -> CruxError.notFound("Order item not found."));
    }

    private static Verdict verdict(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/confirm/") ? Verdict.ACCEPT : Verdict.REJECT;
    }

    /** Applied at once or now pending: either way Crux answers 204. */
    private static ResponseEntity<Void> answer(CancelOutcome outcome) {
        return switch (outcome) {
            case CancelOutcome.Applied applied -> ResponseEntity.noContent().build();
            case CancelOutcome.Pending pending -> ResponseEntity.noContent().build();
            case CancelOutcome.Refused refused -> throw refusal(refused.cancellation());
        };
    }

    /**
     * Whatever the reason (an item past pending, a policy that keeps retailers from cancelling it,
     * nothing open), the item "can't be cancelled": 422, as the seed says.
     */
    private static CruxError refusal(Cancellation refused) {
        var detail = String.join(
                " ",
                refused.refusals().stream().map(Cancellation.Refusal::detail).toList());
        return new CruxError(HttpStatus.UNPROCESSABLE_CONTENT, detail + ".");
    }

    private static void requireRetailer(Caller caller) {
        if (caller.role() == PartyRole.SELLER) {
            throw CruxError.wrongRequester("This call is for retailers; the requester is a supplier.");
        }
    }

    private static void requireSupplier(Caller caller) {
        if (caller.role() == PartyRole.BUYER) {
            throw CruxError.wrongRequester("This call is for suppliers; the requester is a retailer.");
        }
    }

    /** A malformed identifier names nothing that exists: 404, as for an unknown one. */
    private static UUID uuid(String text, String what) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw CruxError.notFound(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found.");
        }
        return UUID.fromString(text);
    }

    /**
     * Crux wants JSON bodies (415 otherwise) but its own examples send none, or {@code {}}, on
     * DELETE and PATCH. Spring does not check the type of a DELETE body, so it is checked here.
     */
    private static void requireJsonIfBody(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            return;
        }
        var type = request.getContentType();
        MediaType mediaType;
        try {
            mediaType = type == null ? null : MediaType.parseMediaType(type);
        } catch (IllegalArgumentException unparsable) {
            mediaType = null;
        }
        if (mediaType == null
                || !(MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)
                        || mediaType.getSubtype().endsWith("+json"))) {
            throw new HttpMediaTypeNotSupportedException(
                    "Content-Type must be application/json", List.of(MediaType.APPLICATION_JSON));
        }
    }
}
