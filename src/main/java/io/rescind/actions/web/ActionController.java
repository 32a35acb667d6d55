package io.rescind.actions.web;

import io.rescind.actions.Action;
import io.rescind.actions.Actions;
import io.rescind.cancellation.CancellationRequest;
import io.rescind.orders.Cancellation;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The canonical API's asynchronous cancellations and the actions that carry them. */
@RestController
@Tag(name = "Actions")
class ActionController {

    private final Actions actions;

    ActionController(Actions actions) {
        this.actions = actions;
    }

    /**
     * The asynchronous twin of the synchronous cancellation endpoint: the same body, chosen by
     * {@code Prefer: respond-async} (RFC 7240), answered 202 with the action to poll.
     */
    // Documented with the synchronous twin it merges into (same path and method).
    @Operation(operationId = "cancelLines")
    @ApiResponse(
            responseCode = "202",
            description = "Waiting: the cancel request awaiting approval, or (with `Prefer: respond-async`) the"
                    + " action that will carry it out",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {Cancellation.class, Action.class})))
    @PostMapping(path = "/api/v1/orders/{orderId}/cancellations", headers = "Prefer=respond-async")
    ResponseEntity<Action> cancelLater(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey,
            @Valid @RequestBody CancellationRequest request) {
        var action = actions.acceptCancel(caller, request.toCommand(orderId, idempotencyKey));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/actions/" + action.id()))
                .header("Preference-Applied", "respond-async")
                .body(action);
    }

    @Operation(
            operationId = "getAction",
            summary = "Read an action",
            description =
                    "The state of an asynchronous cancel: queued, running, done (with its outcome) or" + " failed.")
    @ApiResponse(responseCode = "200", description = "The action")
    @GetMapping("/api/v1/actions/{actionId}")
    Action get(@AuthenticationPrincipal Caller caller, @PathVariable UUID actionId) {
        return actions.get(caller, actionId);
    }
}
