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
 */
@ConfigurationProperties("rescind.actions.worker")
record WorkerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5m") Duration maxBackoff) {

    /** The wait before run {@code attempts + 1}, after {@code attempts} transient failures. */
    Duration delayAfter(int attempts) {
        var delay = backoff;
        for (int i = 1; i < attempts && delay.compareTo(maxBackoff) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
