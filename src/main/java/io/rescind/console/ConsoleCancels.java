package io.rescind.console;

import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.CancellationDecisions;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.cancellation.CancellationQueries;
import io.rescind.cancellation.DecideRequest;
import io.rescind.cancellation.Reverts;
import io.rescind.cancellation.SellerPolicies;
import io.rescind.orders.CancelLines;
import io.rescind.orders.Cancellation;
import io.rescind.orders.CancellationPolicy;
import io.rescind.parties.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Everything the console changes about cancellations, through the engine the REST API calls:
 * cancels, decisions on pending requests, reverts and seller policies. The one place to re-point.
 */
@Component
class ConsoleCancels {

    private final CancellationEngine engine;
    private final CancellationDecisions decisions;
    private final CancellationQueries queries;
    private final Reverts reverts;
    private final SellerPolicies policies;

    ConsoleCancels(
            CancellationEngine engine,
            CancellationDecisions decisions,
            CancellationQueries queries,
            Reverts reverts,
            SellerPolicies policies) {
        this.engine = engine;
        this.decisions = decisions;
        this.queries = queries;
        this.reverts = reverts;
        this.policies = policies;
    }

    CancelOutcome cancel(Caller caller, CancelLines command) {
        return engine.cancel(caller, command);
    }

    List<Cancellation> awaiting(Caller caller, int limit) {
        return queries.awaitingDecision(caller, limit);
    }

    Cancellation decide(Caller caller, UUID orderId, UUID cancellationId, DecideRequest.Verdict verdict) {
        return decisions.decide(caller, new DecideRequest(orderId, cancellationId, verdict));
    }

    void revert(Caller caller, UUID orderId, List<String> positions, String reason, long version) {
        reverts.revert(caller, orderId, positions, reason, version);
    }

    CancellationPolicy policy(Caller caller, UUID sellerId) {
        return policies.policy(caller, sellerId);
    }

    void setPolicy(Caller caller, UUID sellerId, CancellationPolicy policy) {
        policies.setPolicy(caller, sellerId, policy);
    }
}
