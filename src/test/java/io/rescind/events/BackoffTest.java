package io.rescind.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10));

    @Test
    void delaysDoubleWithinHalfToFullOfTheNominalDelay() {
        var random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long nominal = 10_000L << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                var delay = backoff.after(attempt, random).toMillis();
                assertThat(delay).isBetween(nominal / 2, nominal);
            }
        }
    }

    @Test
    void delaysAreCappedAndNeverOverflow() {
        var random = new SplittableRandom(11);
        for (int attempt : new int[] {7, 20, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertThat(backoff.after(attempt, random)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(10));
        }
    }

    @Test
    void retriesAreSpreadOut() {
        var random = new SplittableRandom(3);
        var delays = new java.util.HashSet<Long>();
        for (int i = 0; i < 50; i++) {
            delays.add(backoff.after(3, random).toMillis());
        }
        assertThat(delays.size()).isGreaterThan(40);
    }
}
