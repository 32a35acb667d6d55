package io.rescind.cancellation.web;

import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.cancellation.CancellationRequest;
import io.rescind.cancellation.Reverts;
import io.rescind.cancellation.SellerPolicies;
import io.rescind.http.ProblemHandler;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelLines.OrderRef;
import io.rescind.orders.CancelReason;
import io.rescind.orders.Cancellation;
import io.rescind.orders.CancellationPolicy;
import io.rescind.orders.LineStatus;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Cancellations")
class CancellationController {

    record WholeOrderRequest(
            @NotNull CancelReason reason, @Size(max = 1000) String note, Boolean restock) {}

    /** The approval fields may be left out: no approval, requests live seven days and are then rejected. */
    record PolicyView(
            @NotNull Set<LineStatus> buyerMayCancel,
            @NotNull Set<LineStatus> sellerMayCancel,
            Set<LineStatus> buyerNeedsApproval,
            Set<LineStatus> sellerNeedsApproval,
            Duration pendingTtl,
            CancellationPolicy.OnExpiry onExpiry) {

        static PolicyView of(CancellationPolicy policy) {
            return new PolicyView(
                    policy.buyerMayCancel(),
                    policy.sellerMayCancel(),
                    policy.buyerNeedsApproval(),
                    policy.sellerNeedsApproval(),
                    policy.pendingTtl(),
                    policy.onExpiry());
        }

        CancellationPolicy toPolicy() {
            return new CancellationPolicy(
                    buyerMayCancel,
                    sellerMayCancel,
                    buyerNeedsApproval == null ? Set.of() : buyerNeedsApproval,
                    sellerNeedsApproval == null ? Set.of() : sellerNeedsApproval,
                    pendingTtl == null ? CancellationPolicy.DEFAULT_PENDING_TTL : pendingTtl,
                    onExpiry == null ? CancellationPolicy.OnExpiry.REJECT : onExpiry);
        }
    }

    private final CancellationEngine engine;
    private final Reverts reverts;
    private final CancellationQueries cancellations;
    private final SellerPolicies policies;

    CancellationController(
            CancellationEngine engine, Reverts reverts, CancellationQueries cancellations, SellerPolicies policies) {
        this.engine = engine;
        this.reverts = reverts;
        this.cancellations = cancellations;
        this.policies = policies;
    }

    @Operation(
            operationId = "cancelLines",
            summary = "Cancel lines",
            description = "Cancels lines (by `lineId`, `lineNumber` or `position`), each a `quantity` (all that is"
                    + " open when left out), all or nothing. Money is prorated exactly. The same"
                    + " `Idempotency-Key` returns the first answer again (header `Idempotent-Replayed: true`)."
                    + " When the seller's policy makes the cancel wait for the other side's approval, it is"
                    + " answered 202 with the pending request. With `Prefer: respond-async` the cancel is"
                    + " carried out later: 202 with the action to poll (`/api/v1/actions/{actionId}`).",
            parameters =
                    @Parameter(
                            name = "Prefer",
                            in = ParameterIn.HEADER,
                            description = "`respond-async` to have the cancel carried out asynchronously",
                            schema = @Schema(type = "string", allowableValues = "respond-async")))
    @ApiResponse(
            responseCode = "201",
            description = "Applied: the cancellation",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Cancellation.class)))
    // The body of the 202 is declared by the asynchronous twin (ActionController), which springdoc
    // merges into this operation: the pending request, or the action.
    @ApiResponse(
            responseCode = "202",
            description = "Waiting: the cancel request awaiting approval, or (with `Prefer: respond-async`) the"
                    + " action that will carry it out")
    @ApiResponse(
            responseCode = "409",
            description = "Refused, nothing changed: `refusals` says why for each line",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping("/api/v1/orders/{orderId}/cancellations")
    ResponseEntity<?> cancelLines(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey,
            @Valid @RequestBody CancellationRequest request) {
        return respond(engine.cancel(caller, request.toCommand(orderId, idempotencyKey)));
    }

    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order",
            description = "Cancels everything still open on the order, as `cancelLines` would with every line.")
    @ApiResponse(
            responseCode = "201",
            description = "Applied: the cancellation",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Cancellation.class)))
    @ApiResponse(
            responseCode = "202",
            description = "Waiting for the other side's approval: the pending request",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Cancellation.class)))
    @ApiResponse(
            responseCode = "409",
            description = "Refused, nothing changed: `refusals` says why for each line",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @PostMapping("/api/v1/orders/{orderId}/cancel")
    ResponseEntity<?> cancelOrder(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey,
            @Valid @RequestBody WholeOrderRequest request) {
        var command = new CancelLines(
                new OrderRef.ById(orderId),
                new CancelLines.WholeOrder(),
                request.reason(),
                request.note(),
                idempotencyKey,
                request.restock() == null || request.restock());
        return respond(engine.cancel(caller, command));
    }

    /** Lines to un-cancel, by position, and the order version the caller last saw. */
    record RevertRequest(
            @NotEmpty @Size(max = 500) List<@NotBlank @Size(max = 50) String> positions,
            @Size(max = 1000) String reason,
            @NotNull @Min(0) Long version) {}

    record Reverted(UUID orderId, long version) {}

    @Operation(
            operationId = "revertCancellation",
            summary = "Un-cancel lines",
            description = "The buyer returns cancelled lines (by position) to the status each had before; `version`"
                    + " is the order version the caller last saw.")
    @ApiResponse(responseCode = "200", description = "The order's id and new version")
    @ApiResponse(
            responseCode = "409",
            description = "The order changed meanwhile (`stale-version`) or a line is not cancelled")
    @PostMapping("/api/v1/orders/{orderId}/revert-cancellation")
    Reverted revert(
            @AuthenticationPrincipal Caller caller,
            @PathVariable UUID orderId,
            @Valid @RequestBody RevertRequest request) {
        var order = reverts.revert(caller, orderId, request.positions(), request.reason(), request.version());
        return new Reverted(order.id(), order.version());
    }

    @Operation(
            operationId = "listCancellations",
            summary = "List an order's cancellations",
            description = "Every cancellation of the order, applied, pending and refused, oldest first.")
    @ApiResponse(responseCode = "200", description = "The cancellations")
    @GetMapping("/api/v1/orders/{orderId}/cancellations")
    List<Cancellation> list(@AuthenticationPrincipal Caller caller, @PathVariable UUID orderId) {
        return cancellations.list(caller, orderId);
    }

    @Operation(
            operationId = "getCancellation",
            summary = "Read a cancellation",
            description = "One cancellation of the order: its lines, amounts, status and refusals.")
    @ApiResponse(responseCode = "200", description = "The cancellation")
    @GetMapping("/api/v1/orders/{orderId}/cancellations/{cancellationId}")
    Cancellation get(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID cancellationId) {
        return cancellations.get(caller, orderId, cancellationId);
    }

    @Operation(
            operationId = "getCancellationPolicy",
            summary = "Read a seller's cancellation policy",
            description = "Who may cancel in which line status, and which cancels wait for approval.")
    @ApiResponse(responseCode = "200", description = "The policy in force")
    @ApiResponse(responseCode = "422", description = "The party is not a seller (`not-a-seller`)")
    @GetMapping("/api/v1/sellers/{sellerId}/cancellation-policy")
    PolicyView policy(@AuthenticationPrincipal Caller caller, @PathVariable UUID sellerId) {
        return PolicyView.of(policies.policy(caller, sellerId));
    }

    @Operation(
            operationId = "setCancellationPolicy",
            summary = "Set a seller's cancellation policy",
            description = "Replaces the seller's override of the default policy.")
    @ApiResponse(responseCode = "200", description = "The policy now in force")
    @ApiResponse(
            responseCode = "422",
            description = "The policy cannot hold (for example a final status), or the party is not a seller")
    @PutMapping("/api/v1/sellers/{sellerId}/cancellation-policy")
    ResponseEntity<?> setPolicy(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID sellerId, @Valid @RequestBody PolicyView body) {
        CancellationPolicy policy;
        try {
            policy = body.toPolicy();
        } catch (IllegalArgumentException finalStatus) {
            return ResponseEntity.unprocessableContent()
                    .body(ProblemHandler.problem(
                            HttpStatus.UNPROCESSABLE_CONTENT, "invalid-policy", finalStatus.getMessage()));
        }
        policies.setPolicy(caller, sellerId, policy);
        return ResponseEntity.ok(PolicyView.of(policy));
    }

    private static ResponseEntity<?> respond(CancelOutcome outcome) {
        var cancellation = outcome.cancellation();
        var response = switch (outcome) {
            case CancelOutcome.Applied applied ->
                ResponseEntity.created(URI.create(
                        "/api/v1/orders/%s/cancellations/%s".formatted(cancellation.orderId(), cancellation.id())));
            case CancelOutcome.Refused refused -> ResponseEntity.status(HttpStatus.CONFLICT);
            case CancelOutcome.Pending pending ->
                ResponseEntity.accepted()
                        .location(URI.create("/api/v1/orders/%s/cancellations/%s"
                                .formatted(cancellation.orderId(), cancellation.id())));
        };
        if (outcome.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return switch (outcome) {
            case CancelOutcome.Applied applied -> response.body(cancellation);
            case CancelOutcome.Pending pending -> response.body(cancellation);
            case CancelOutcome.Refused refused -> response.body(refusal(cancellation));
        };
    }

    /** One refusal reason gives the problem its type; several give the generic one. */
    private static Object refusal(Cancellation cancellation) {
        var reasons = cancellation.refusals().stream()
                .map(r -> r.reason().slug())
                .distinct()
                .toList();
        var problem = ProblemHandler.problem(
                HttpStatus.CONFLICT,
                reasons.size() == 1 ? reasons.getFirst() : "cancellation-refused",
                cancellation.refusals().stream()
                        .map(Cancellation.Refusal::detail)
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("Refused"));
        problem.setTitle("Cancellation refused");
        problem.setProperty("cancellationId", cancellation.id());
        problem.setProperty("refusals", cancellation.refusals());
        return problem;
    }
}
