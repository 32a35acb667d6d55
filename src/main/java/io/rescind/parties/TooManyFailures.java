package io.rescind.parties;

import org.springframework.security.core.AuthenticationException;

/** A source address sent wrong credentials too often: its requests are refused (429) for a while. */
public class TooManyFailures extends AuthenticationException {

    private final long retryAfterSeconds;

    TooManyFailures(long retryAfterSeconds) {
        super("Too many failed authentications from this address: try again later");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
