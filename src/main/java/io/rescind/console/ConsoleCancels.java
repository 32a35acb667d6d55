package io.rescind.console;

import io.rescind.cancellation.CancelLines;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.cancellation.Cancellation;
import io.rescind.cancellation.CancellationEngine;
import io.rescind.cancellation.CancellationPolicy;
import io.rescind.cancellation.DecideRequest;
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

    ConsoleCancels(CancellationEngine engine) {
        this.engine = engine;
    }

    CancelOutcome cancel(Caller caller, CancelLines command) {
        return engine.cancel(caller, command);
    }

    List<Cancellation> awaiting(Caller caller, int limit) {
        return engine.awaitingDecision(caller, limit);
    }

    Cancellation decide(Caller caller, UUID orderId, UUID cancellationId, DecideRequest.Verdict verdict) {
        return engine.decide(caller, new DecideRequest(orderId, cancellationId, verdict));
    }

    void revert(Caller caller, UUID orderId, List<String> positions, String reason, long version) {
        engine.revert(caller, orderId, positions, reason, version);
    }

    CancellationPolicy policy(Caller caller, UUID sellerId) {
        return engine.policy(caller, sellerId);
    }

    void setPolicy(Caller caller, UUID sellerId, CancellationPolicy policy) {
        engine.setPolicy(caller, sellerId, policy);
    }
}
