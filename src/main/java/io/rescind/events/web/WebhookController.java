package io.rescind.events.web;

import io.rescind.RescindException;
import io.rescind.events.Webhooks;
import io.rescind.events.Webhooks.Created;
import io.rescind.events.Webhooks.Delivery;
import io.rescind.events.Webhooks.NewSubscription;
import io.rescind.events.Webhooks.Subscription;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions, deliveries, attempts and redelivery on the canonical API. */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/api/v1/webhooks")
class WebhookController {

    record SubscriptionRequest(
            @NotBlank @Size(max = 2048) String url,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> eventTypes,
            @Size(max = 200) String secret,
            @Size(max = 20) String flavour) {}

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(
            operationId = "subscribe",
            summary = "Subscribe to events",
            description =
                    "Registers a URL to receive the caller's events as signed webhooks (Standard Webhooks); the signing secret is shown this once.")
    @ApiResponse(responseCode = "201", description = "The subscription and its secret")
    @PostMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscribe(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody @NotNull SubscriptionRequest request) {
        Created created = webhooks.subscribe(
                caller,
                new NewSubscription(uri(request.url()), request.eventTypes(), request.secret(), request.flavour()));
        var body = Map.<String, Object>of("subscription", created.subscription(), "secret", created.secret());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/subscriptions/"
                        + created.subscription().id()))
                .body(body);
    }

    @Operation(
            operationId = "listSubscriptions",
            summary = "List subscriptions",
            description = "The caller's webhook subscriptions.")
    @ApiResponse(responseCode = "200", description = "The subscriptions")
    @GetMapping("/subscriptions")
    Map<String, List<Subscription>> subscriptions(@AuthenticationPrincipal Caller caller) {
        return Map.of("subscriptions", webhooks.subscriptions(caller));
    }

    @Operation(
            operationId = "getSubscription",
            summary = "Read a subscription",
            description = "One of the caller's webhook subscriptions.")
    @ApiResponse(responseCode = "200", description = "The subscription")
    @GetMapping("/subscriptions/{id}")
    Subscription subscription(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return webhooks.subscription(caller, id);
    }

    @Operation(
            operationId = "unsubscribe",
            summary = "Unsubscribe",
            description = "Ends a subscription; no more deliveries are made to it.")
    @ApiResponse(responseCode = "204", description = "Unsubscribed")
    @DeleteMapping("/subscriptions/{id}")
    ResponseEntity<Void> unsubscribe(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        webhooks.unsubscribe(caller, id);
        return ResponseEntity.noContent().build();
    }

    /** Deliveries, newest first; {@code status=DEAD} lists the dead letters. */
    @Operation(
            operationId = "listDeliveries",
            summary = "List deliveries",
            description = "Webhook deliveries, newest first, with every attempt; `status=DEAD` lists the dead letters.")
    @ApiResponse(responseCode = "200", description = "The deliveries")
    @GetMapping("/deliveries")
    Map<String, List<Delivery>> deliveries(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) UUID subscriptionId,
            @RequestParam(required = false) @Pattern(regexp = "PENDING|DELIVERED|DEAD") String status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return Map.of("deliveries", webhooks.deliveries(caller, subscriptionId, status, limit));
    }

    @Operation(operationId = "getDelivery", summary = "Read a delivery", description = "One delivery and its attempts.")
    @ApiResponse(responseCode = "200", description = "The delivery")
    @GetMapping("/deliveries/{id}")
    Delivery delivery(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return webhooks.delivery(caller, id);
    }

    @Operation(
            operationId = "redeliver",
            summary = "Redeliver",
            description = "Sends a delivery again (a dead letter included), as a new series of attempts.")
    @ApiResponse(responseCode = "202", description = "The delivery, queued again")
    @PostMapping("/deliveries/{id}/redeliver")
    ResponseEntity<Delivery> redeliver(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return ResponseEntity.accepted().body(webhooks.redeliver(caller, id));
    }

    private static URI uri(String text) {
        try {
            var uri = new URI(text);
            if (!uri.isAbsolute()) {
                throw new URISyntaxException(text, "not absolute");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new RescindException(
                    RescindException.Kind.INVALID, "invalid-webhook-url", "The url is not an absolute URL");
        }
    }
}
