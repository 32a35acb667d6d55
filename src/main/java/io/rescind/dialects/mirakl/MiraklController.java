package io.rescind.dialects.mirakl;

import io.rescind.RescindException;
import io.rescind.actions.Actions;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.orders.OrderLifecycle;
import io.rescind.orders.OrderQuery;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mirakl Connect's cancel and action endpoints. A cancel is checked for shape and for the lines it
 * names, then accepted as an action (202); the engine decides it when a worker runs the action.
 */
/**
 * Served at the root and under {@code /api} too: Mirakl's server URL ends with {@code /api}, so a
 * client that swaps only the host calls {@code /api/v2/...}.
 */
@RestController
@Tag(name = "Orders")
class MiraklController {

    private final OrderLifecycle orders;
    private final CancellationQueries cancellations;
    private final Actions actions;

    MiraklController(OrderLifecycle orders, CancellationQueries cancellations, Actions actions) {
        this.orders = orders;
        this.cancellations = cancellations;
        this.actions = actions;
    }

    @Operation(
            operationId = "v2-cancelOrderLines",
            summary = "Cancel order lines",
            description =
                    "Accepts the cancellation of order lines, carried out asynchronously: poll the action it answers with.")
    @ApiResponse(responseCode = "202", description = "Accepted: the action that carries the cancel out")
    @PostMapping(
            path = {"/v2/orders/{order_id}/cancel", "/api/v2/orders/{order_id}/cancel"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    ActionViews.Accepted cancel(
            @AuthenticationPrincipal Caller caller,
            @PathVariable("order_id") String orderId,
            @Valid @RequestBody CancelOrderLines request) {
        var order = resolve(caller, orderId);
        var action = actions.acceptCancel(
                caller, CancelTranslation.commands(order, orders.references(caller, order), request));
        return ActionViews.Accepted.of(action);
    }

    @Operation(
            operationId = "v2-getActionStatus",
            summary = "Read an action's status",
            description = "Where an asynchronous cancel stands: pending, success or failure.")
    @ApiResponse(responseCode = "200", description = "The action")
    @GetMapping(
            path = {"/v2/orders/actions/{action_id}", "/api/v2/orders/actions/{action_id}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ActionViews.Status action(@AuthenticationPrincipal Caller caller, @PathVariable("action_id") String actionId) {
        return ActionViews.Status.of(actions.get(caller, id(actionId, "Action")));
    }

    /** Mirakl's deprecated name for the same thing: a tracking id is an action id. */
    @Operation(
            operationId = "v2-getOrderTracking",
            summary = "Read an action's status by tracking id",
            description = "Mirakl's deprecated name for the action status: a tracking id is an action id.")
    @ApiResponse(responseCode = "200", description = "The action")
    @Deprecated
    @GetMapping(
            path = {"/v2/orders/tracking/{tracking_id}", "/api/v2/orders/tracking/{tracking_id}"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ActionViews.Status tracking(
            @AuthenticationPrincipal Caller caller, @PathVariable("tracking_id") String trackingId) {
        return ActionViews.Status.of(actions.get(caller, id(trackingId, "Action")));
    }

    /**
     * Orders the caller can see, oldest first, paged by seek ({@code next_page_token}). Filters
     * by status apply to the page after it is read, so a page may hold fewer than {@code limit}
     * orders and still be followed by another.
     */
    @Operation(
            operationId = "v2-listOrders",
            summary = "List orders",
            description = "Orders the caller can see, oldest first, paged by `next_page_token`.")
    @ApiResponse(responseCode = "200", description = "A page of orders")
    @GetMapping(
            path = {"/v2/orders", "/api/v2/orders"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    OrderViews.Page list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(name = "order_ids", required = false) @Size(max = 100) List<String> orderIds,
            @RequestParam(name = "statuses", required = false) List<MiraklStatus> statuses,
            @RequestParam(name = "updated_from", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    OffsetDateTime updatedFrom,
            @RequestParam(name = "fulfillment_type", required = false) FulfillmentType fulfillmentType,
            @RequestParam(name = "page_token", required = false) @Size(max = 100) String pageToken,
            @RequestParam(name = "limit", defaultValue = "10") @Min(1) @Max(100) int limit) {
        var since = updatedFrom != null
                ? updatedFrom.toInstant()
                : orderIds == null ? Instant.now().minus(Duration.ofDays(30)) : null;
        List<PurchaseOrder> found;
        String next = null;
        if (orderIds != null) {
            found = orderIds.stream()
                    .distinct()
                    .flatMap(id -> orders
                            .findByReference(caller, CancelTranslation.CHANNEL, id)
                            .or(() -> java.util.Optional.ofNullable(CancelTranslation.uuidOrNull(id))
                                    .flatMap(uuid -> visible(caller, uuid)))
                            .stream())
                    .filter(order -> since == null || !order.updatedAt().isBefore(since))
                    .toList();
        } else {
            var page =
                    orders.list(caller, new OrderQuery(null, null, null, since, PageToken.read(pageToken), limit + 1));
            found = page.size() > limit ? page.subList(0, limit) : page;
            next = page.size() > limit ? PageToken.write(found.getLast().number()) : null;
        }
        var data = found.stream()
                .filter(order -> fulfillmentType != FulfillmentType.FULFILLED_BY_PARTNER)
                .filter(order -> statuses == null
                        || statuses.stream()
                                .map(Enum::name)
                                .toList()
                                .contains(OrderViews.statusOf(order).status()))
                .map(order ->
                        OrderViews.of(order, orders.references(caller, order), cancellations.list(caller, order.id())))
                .toList();
        return new OrderViews.Page(data, next);
    }

    enum MiraklStatus {
        AWAITING_FRAUD_CHECK,
        AWAITING_ACCEPTANCE,
        AWAITING_PAYMENT,
        AWAITING_SHIPMENT,
        SHIPPED,
        DELIVERED,
        CLOSED
    }

    enum FulfillmentType {
        FULFILLED_BY_SELLER,
        FULFILLED_BY_PARTNER
    }

    private Optional<PurchaseOrder> visible(Caller caller, java.util.UUID id) {
        try {
            return Optional.of(orders.get(caller, id));
        } catch (RescindException notVisible) {
            return Optional.empty();
        }
    }

    /*
     * Any other method on these paths: answered here, rather than before a handler is chosen, so
     * that the 405 comes in Mirakl's shape too.
     */
    @Hidden
    @RequestMapping(
            path = {"/v2/orders/{order_id}/cancel", "/api/v2/orders/{order_id}/cancel"},
            method = {RequestMethod.GET, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void otherMethodsOnCancel(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
    }

    @Hidden
    @RequestMapping(
            path = {
                "/v2/orders",
                "/v2/orders/actions/{id}",
                "/v2/orders/tracking/{id}",
                "/api/v2/orders",
                "/api/v2/orders/actions/{id}",
                "/api/v2/orders/tracking/{id}"
            },
            method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    void otherMethodsOnReads(HttpServletRequest request) throws HttpRequestMethodNotSupportedException {
        throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("GET"));
    }

    /**
     * An order by the id Mirakl knows it by (its {@code mirakl} reference, e.g.
     * {@code 0024_COMMERCIAL_ID-A}), or by Rescind's own id.
     */
    private io.rescind.orders.PurchaseOrder resolve(Caller caller, String orderId) {
        return orders.findByReference(caller, CancelTranslation.CHANNEL, orderId)
                .orElseGet(() -> orders.get(caller, id(orderId, "Order")));
    }

    /** Rescind's ids are UUIDs: any other id names nothing here. */
    private static java.util.UUID id(String text, String what) {
        var id = CancelTranslation.uuidOrNull(text);
        if (id == null) {
            throw RescindException.notFound(what);
        }
        return id;
    }
}
