package io.rescind.bulk;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bulk worker of this instance.
 *
 * @param enabled whether this instance works bulk jobs at all (others may)
 * @param pollInterval how often an idle worker looks for queued orders
 * @param threads how many orders this instance cancels at the same time
 * @param lockWait how long a cancel waits for its order's lock before the order is put back for later
 * @param maxAttempts runs of an order that fails for a reason of ours before it is marked FAILED
 * @param backoff the wait before an order that failed, or was busy, is tried again
 * @param maxDryRun the most orders a dry run answers for (it answers synchronously)
 */
@ConfigurationProperties("rescind.bulk.worker")
record BulkProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("2") int threads,
        @DefaultValue("100ms") Duration lockWait,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("1s") Duration backoff,
        @DefaultValue("5000") int maxDryRun) {

    BulkProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("rescind.bulk.worker.threads must be at least 1");
        }
        if (lockWait.toMillis() < 1) {
            // PostgreSQL reads a lock_timeout of 0 as "wait for ever".
            throw new IllegalArgumentException("rescind.bulk.worker.lock-wait must be at least 1ms");
        }
    }
}
