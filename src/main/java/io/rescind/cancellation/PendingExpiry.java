package io.rescind.cancellation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Expires pending cancel requests nobody decided in time. Every instance may run it: requests
 * are claimed with {@code SKIP LOCKED}. Off with {@code rescind.cancellation.expiry.enabled=false}
 * (for instances that should only serve requests).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ExpiryProperties.class)
@ConditionalOnProperty(name = "rescind.cancellation.expiry.enabled", havingValue = "true", matchIfMissing = true)
class PendingExpiry implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PendingExpiry.class);

    private final CancellationDecisions decisions;
    private final ExpiryProperties properties;

    PendingExpiry(CancellationDecisions decisions, ExpiryProperties properties) {
        this.decisions = decisions;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::expireDue, properties.interval());
    }

    void expireDue() {
        try {
            int expired;
            do {
                expired = decisions.expireDue(properties.batchSize());
                if (expired > 0) {
                    log.info("Expired {} pending cancel requests", expired);
                }
            } while (expired == properties.batchSize());
        } catch (RuntimeException e) {
            // The next round tries again; a failure here must not stop the schedule.
            log.error("Expiring pending cancel requests failed", e);
        }
    }
}
