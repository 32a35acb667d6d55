package io.rescind.orders;

/** The policy's word on one line. */
public sealed interface Decision {

    record Allowed(long quantity) implements Decision {}

    /** Allowed, but only once the counterparty accepts: the units are held until then. */
    record NeedsApproval(long quantity) implements Decision {}

    record Refused(RefusalReason reason, String detail) implements Decision {}
}
