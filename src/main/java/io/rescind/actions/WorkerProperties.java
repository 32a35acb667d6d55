package io.rescind.actions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The action worker of this instance.
 *
 * @param enabled whether this instance works the queue at all (others may)
 * @param pollInterval how often an idle worker looks for due actions
 * @param maxAttempts runs of an action that fails for a transient reason before it is failed
 * @param backoff the wait after the first transient failure; it doubles with each further one
 * @param maxBackoff the longest wait between two runs
 * @param threads how many actions this instance runs at the same time
 * @param lockWait how long a run waits for its order's lock; an order locked longer (by a long
 *     change) is left for a later round, so that one busy order does not hold up the others
 */
@ConfigurationProperties("rescind.actions.worker")
record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("2") int threads,
        @DefaultValue("100ms") Duration lockWait) {

    WorkerProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("rescind.actions.worker.threads must be at least 1");
        }
        if (lockWait.toMillis() < 1) {
            // PostgreSQL reads a lock_timeout of 0 as "wait for ever".
            throw new IllegalArgumentException("rescind.actions.worker.lock-wait must be at least 1ms");
        }
    }

    /** The wait before run {@code attempts + 1}, after {@code attempts} transient failures. */
    Duration delayAfter(int attempts) {
        var delay = backoff;
        for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
