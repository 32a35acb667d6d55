package io.rescind.actions.web;

import io.rescind.actions.Action;
import io.rescind.actions.Actions;
import io.rescind.cancellation.CancellationRequest;
import io.rescind.parties.Caller;
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
class ActionController {

    private final Actions actions;

    ActionController(Actions actions) {
        this.actions = actions;
    }

    /**
     * The asynchronous twin of the synchronous cancellation endpoint: the same body, chosen by
     * {@code Prefer: respond-async} (RFC 7240), answered 202 with the action to poll.
     */
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

    @GetMapping("/api/v1/actions/{actionId}")
    Action get(@AuthenticationPrincipal Caller caller, @PathVariable UUID actionId) {
        return actions.get(caller, actionId);
    }
}
