package io.rescind.cancellation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker that expires undecided cancel requests.
 *
 * @param enabled whether this instance runs it
 * @param interval the pause between two rounds
 * @param batchSize requests claimed per transaction
 */
@ConfigurationProperties("rescind.cancellation.expiry")
record ExpiryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT1S") Duration interval,
        @DefaultValue("100") int batchSize) {}
