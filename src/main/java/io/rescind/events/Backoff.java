package io.rescind.events;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: exponential backoff with "equal jitter" — half of the
 * exponential delay is kept, the other half is random — so receivers that fail together do not
 * get their retries together, and no retry comes sooner than half the nominal delay.
 */
record Backoff(Duration initial, Duration max) {

    /** The delay after the {@code attempt}-th failed attempt (1 for the first). */
    Duration after(int attempt, RandomGenerator random) {
        long initialMillis = Math.max(1, initial.toMillis());
        long maxMillis = Math.max(initialMillis, max.toMillis());
        int doublings = Math.min(Math.max(attempt - 1, 0), 40);
        long nominal = initialMillis << doublings;
        if (nominal <= 0 || nominal > maxMillis || (nominal >> doublings) != initialMillis) {
            nominal = maxMillis;
        }
        long half = nominal / 2;
        return Duration.ofMillis(nominal - half + random.nextLong(half + 1));
    }
}
