package io.rescind.dialects.hlconnect;

import io.rescind.RescindException;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelLines.LineCancel;
import io.rescind.orders.CancelLines.OrderRef;
import io.rescind.orders.CancelReason;
import io.rescind.orders.Cancellation;
import io.rescind.orders.LineRef;
import io.rescind.orders.OrderLifecycle;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HL Connect's purchase calls, translated to the cancellation engine and the order lifecycle. */
@RestController
class HlConnectController {

    static final String ENVIRONMENT = "X-Environment";

    private static final Map<String, String> KNOWN = Map.of("/purchase/cancel", "DELETE", "/purchase/info", "GET");

    private final CancellationEngine engine;
    private final OrderLifecycle orders;
    private final HlConnectProperties properties;

    HlConnectController(CancellationEngine engine, OrderLifecycle orders, HlConnectProperties properties) {
        this.engine = engine;
        this.orders = orders;
        this.properties = properties;
    }

    @DeleteMapping("/purchase/cancel")
    @Tag(name = "PurchaseCancel")
    @Operation(operationId = "connector_purchase_cancel", summary = "Cancel purchase order line item")
    @ApiResponse(responseCode = "201", description = "Order line item successfully cancelled")
    ResponseEntity<Object> cancel(
            HttpServletRequest request,
            @AuthenticationPrincipal Caller caller,
            @RequestParam("order_id") @Min(1) long orderId,
            @RequestParam("order_line_id") @Min(1) int orderLineId) {
        requireSingle(request, "order_id", "order_line_id");
        var command = new CancelLines(
                new OrderRef.ByNumber(orderId),
                new CancelLines.Lines(List.of(new LineCancel(new LineRef.ByNumber(orderLineId), null, null))),
                reasonOf(caller),
                null,
                null);
        return switch (engine.cancel(caller, command)) {
            case CancelOutcome.Applied applied ->
                ResponseEntity.status(HttpStatus.CREATED)
                        .header(ENVIRONMENT, properties.environment())
                        .build();
            // HL Connect knows only immediate cancels; a seller policy that wants approval makes it a
            // request, answered 202 (a 2xx, so generated clients still see success).
            case CancelOutcome.Pending pending ->
                ResponseEntity.status(HttpStatus.ACCEPTED)
                        .header(ENVIRONMENT, properties.environment())
                        .build();
            case CancelOutcome.Refused refused ->
                ErrorResponse.answer(
                        HttpStatus.BAD_REQUEST,
                        "InvalidOrderStatus",
                        ErrorResponse.INVALID_ORDER_STATUS + ": " + details(refused.cancellation()));
        };
    }

    @GetMapping("/purchase/info")
    @Tag(name = "PurchaseInfo")
    @Operation(operationId = "connector_purchase_info", summary = "Retrieve purchase order information")
    ResponseEntity<List<OrderItem>> info(
            HttpServletRequest request,
            @AuthenticationPrincipal Caller caller,
            @RequestParam("order_id") @Min(1) long orderId) {
        requireSingle(request, "order_id");
        var order = orders.getByNumber(caller, orderId);
        return ResponseEntity.ok()
                .header(ENVIRONMENT, properties.environment())
                .body(order.lines().stream()
                        .map(line -> OrderItem.of(order, line))
                        .toList());
    }

    /**
     * Whatever else arrives under {@code /purchase}: a wrong method on a known path, or a path
     * Rescind does not answer. Mapped here so that the answer comes in HL Connect's shape.
     */
    @Hidden
    @RequestMapping("/purchase/**")
    ResponseEntity<Object> elsewhere(HttpServletRequest request) {
        var path = request.getRequestURI().substring(request.getContextPath().length());
        var allowed = KNOWN.get(path);
        if (allowed != null) {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.ALLOW, allowed)
                    .body(ErrorResponse.of(
                            HttpStatus.METHOD_NOT_ALLOWED,
                            "MethodNotAllowed",
                            "%s is not supported on %s; use %s".formatted(request.getMethod(), path, allowed)));
        }
        return ErrorResponse.answer(HttpStatus.NOT_FOUND, "NotFound", "No endpoint " + path);
    }

    /** Spring would quietly take the first of repeated values; which one was meant is unclear. */
    private static void requireSingle(HttpServletRequest request, String... names) {
        for (var name : names) {
            var values = request.getParameterValues(name);
            if (values != null && values.length > 1) {
                throw new RescindException(
                        RescindException.Kind.INVALID,
                        "repeated-parameter",
                        "Query parameter '%s' must be given once".formatted(name));
            }
        }
    }

    private static CancelReason reasonOf(Caller caller) {
        return switch (caller.role()) {
            case BUYER -> CancelReason.BUYER_CANCELLED;
            case SELLER -> CancelReason.SELLER_CANCELLED;
            // An operator acts for either side; HL Connect gives no reason to tell which.
            case OPERATOR -> CancelReason.OTHER;
        };
    }

    private static String details(Cancellation cancellation) {
        return cancellation.refusals().stream()
                .map(Cancellation.Refusal::detail)
                .reduce((a, b) -> a + "; " + b)
                .orElse("refused");
    }
}
