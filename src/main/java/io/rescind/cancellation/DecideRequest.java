package io.rescind.cancellation;

import java.util.UUID;

/** The counterparty's answer to a pending cancel request of an order. */
public record DecideRequest(UUID orderId, UUID cancellationId, Verdict verdict) {

    public enum Verdict {
        ACCEPT,
        REJECT
    }
}
