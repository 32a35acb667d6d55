package io.rescind.cancellation.web;

import io.rescind.cancellation.CancellationDecisions;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.cancellation.DecideRequest;
import io.rescind.cancellation.DecideRequest.Verdict;
import io.rescind.orders.Cancellation;
import io.rescind.parties.Caller;
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
class ApprovalController {

    private final CancellationDecisions decisions;
    private final CancellationQueries cancellations;

    ApprovalController(CancellationDecisions decisions, CancellationQueries cancellations) {
        this.decisions = decisions;
        this.cancellations = cancellations;
    }

    @GetMapping("/api/v1/cancellation-requests")
    List<Cancellation> awaiting(
            @AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return cancellations.awaitingDecision(caller, limit);
    }

    @PostMapping("/api/v1/orders/{orderId}/cancellations/{cancellationId}/accept")
    Cancellation accept(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID cancellationId) {
        return decisions.decide(caller, new DecideRequest(orderId, cancellationId, Verdict.ACCEPT));
    }

    @PostMapping("/api/v1/orders/{orderId}/cancellations/{cancellationId}/reject")
    Cancellation reject(
            @AuthenticationPrincipal Caller caller, @PathVariable UUID orderId, @PathVariable UUID cancellationId) {
        return decisions.decide(caller, new DecideRequest(orderId, cancellationId, Verdict.REJECT));
    }
}
