package io.rescind.parties;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits, shared by every instance through the database (docs/decisions.md).
 *
 * @param enabled whether authenticated requests take from the buckets at all
 * @param perCaller requests per second each caller (a party, whatever key or token it uses) may
 *     keep up, and how many it may send at once
 * @param perTenant the same for all the callers of a tenant together
 * @param failedAuthentications wrong credentials one source address may send per minute (per
 *     instance) before its requests are refused without looking at them
 * @param badKeyCache how long a key that failed is remembered as failing (no query for it meanwhile)
 */
@ConfigurationProperties("rescind.rate-limits")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Bucket perCaller,
        @DefaultValue Bucket perTenant,
        @DefaultValue("30") int failedAuthentications,
        @DefaultValue("1m") Duration badKeyCache) {

    /**
     * @param perSecond the refill rate
     * @param burst the bucket's capacity
     */
    public record Bucket(
            @DefaultValue("1000") double perSecond,
            @DefaultValue("2000") double burst) {
        public Bucket {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("A rate limit needs a positive rate and a burst of at least 1");
            }
        }
    }
}
