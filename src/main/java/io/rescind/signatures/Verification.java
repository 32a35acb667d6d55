package io.rescind.signatures;

import io.rescind.parties.Caller;

/** The answer to a signed request or a presented token. */
public sealed interface Verification {

    record Verified(Caller caller, String consumerId) implements Verification {}

    /** @param reason what was wrong, safe to tell the client */
    record Rejected(String reason) implements Verification {}
}
