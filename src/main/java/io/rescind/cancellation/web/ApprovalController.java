package io.rescind.cancellation.web;

import io.rescind.cancellation.CancellationDecisions;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.cancellation.DecideRequest;
import io.rescind.cancellation.DecideRequest.Verdict;
import io.rescind.orders.Cancellation;
import io.rescind.parties.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The counterparty's side of cancels that need approval: what awaits it, and its answer. */
@RestController
@Tag(name = "Approvals")
class ApprovalController {

    private final CancellationDecisions decisions;
    private final CancellationQueries cancellations;

    ApprovalController(CancellationDecisions decisions, CancellationQueries cancellations) {
        this.decisions = decisions;
        this.cancellations = cancellations;
    }

    @Operation(
            operationId = "listCancellationRequests",
            summary = "List cancel requests awaiting the caller",
            description = "Pending cancel requests waiting for the caller's decision (an operator sees all of its"
                    + " tenant's), oldest first.")
    @ApiResponse(responseCode = "200", description = "The pending requests")
    @GetMapping("/api/v1/cancellation-requests")
    List<Cancellation> awaiting(
            @AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return cancellations.awaitingDecision(caller, limit);
    }

    @Operation(
            operationId = "acceptCancellationRequest",
            summary = "Accept a cancel request",
            description = "The party the request awaits accepts it: its units are cancelled now.")
    @ApiResponse(responseCode = "200", description = "The request, decided")
    @ApiResponse(responseCode = "409", description = "Already decided (`already-decided`), or no longer possible")
    @PostMapping("/api/v1/orders/{orderId}/cancellations/{cancellationId}/accept")
    Cancellation accept(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID cancellationId) {
        return decisions.decide(caller, new DecideRequest(orderId, cancellationId, Verdict.ACCEPT));
    }

    @Operation(
            operationId = "rejectCancellationRequest",
            summary = "Reject a cancel request",
            description = "The party the request awaits rejects it: the units stay open.")
    @ApiResponse(responseCode = "200", description = "The request, decided")
    @ApiResponse(responseCode = "409", description = "Already decided (`already-decided`), or no longer possible")
    @PostMapping("/api/v1/orders/{orderId}/cancellations/{cancellationId}/reject")
    Cancellation reject(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID cancellationId) {
        return decisions.decide(caller, new DecideRequest(orderId, cancellationId, Verdict.REJECT));
    }
}
