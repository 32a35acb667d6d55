package io.rescind.bulk;

import java.util.List;
import java.util.UUID;

/**
 * What a bulk job did with one order.
 *
 * @param seq the order's place in the job (1, 2, 3 ...), the cursor of the results
 * @param orderId null when the order named could not be found for the caller
 * @param cancellationId the engine's cancellation (applied, pending or refused), when one was made
 * @param units the units cancelled (or held for approval)
 */
public record OrderResult(
        int seq,
        UUID orderId,
        Long orderNumber,
        Status status,
        UUID cancellationId,
        long units,
        List<Refusal> refusals) {

    public enum Status {
        /** Not worked yet. */
        QUEUED,
        APPLIED,
        /** Refused by the engine (policy, quantities) or not a valid cancel (unknown order or line). */
        REFUSED,
        /** Became a request awaiting the counterparty, like a single cancel that needs approval. */
        PENDING_APPROVAL,
        /** Left alone because the job was cancelled first. */
        SKIPPED,
        /** Failed for a reason of ours, again and again; nothing was changed. */
        FAILED
    }

    /**
     * Why an order, or one of its lines, was refused.
     *
     * @param code the canonical problem code ({@code line-shipped}, {@code not-found} ...)
     */
    public record Refusal(String code, UUID lineId, Integer lineNumber, String detail) {}

    public OrderResult {
        refusals = List.copyOf(refusals);
    }
}
