package io.rescind.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How events leave Rescind: the outbox relay, webhook deliveries and the optional Kafka topic. */
@ConfigurationProperties("rescind.events")
record EventsProperties(
        @DefaultValue Relay relay,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Kafka kafka) {

    /** The relay moves committed outbox rows to the channels, oldest first. */
    record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration interval,
            @DefaultValue("100") int batchSize) {}

    /** Webhook delivery: polling, retries with exponential backoff and jitter, and the SSRF guard. */
    record Webhooks(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration interval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("128") int concurrency,
            @DefaultValue("4") int perSubscriptionConcurrency,
            @DefaultValue("10000") int maxBacklog,
            @DefaultValue Circuit circuit,
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("10s") Duration initialBackoff,
            @DefaultValue("1h") Duration maxBackoff,
            @DefaultValue("2m") Duration lease,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("false") boolean allowLoopback) {}

    /**
     * A subscription whose endpoint failed {@code failures} attempts in a row is paused for {@code
     * pause}, doubling with every failed probe up to {@code maxPause}; then one probe at a time.
     */
    record Circuit(
            @DefaultValue("5") int failures,
            @DefaultValue("1m") Duration pause,
            @DefaultValue("1h") Duration maxPause) {}

    /** The same envelopes on a Kafka topic keyed by order id; off unless enabled. */
    record Kafka(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("rescind.events") String topic) {}
}
