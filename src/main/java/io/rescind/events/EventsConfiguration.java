package io.rescind.events;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The background loops of this module; each can be switched off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "rescind.events.relay.enabled", havingValue = "true", matchIfMissing = true)
    Poller outboxRelayPoller(OutboxRelay relay, EventsProperties properties) {
        return new Poller("outbox-relay", properties.relay().interval(), relay::relayBatch);
    }

    @Bean
    @ConditionalOnProperty(name = "rescind.events.webhooks.enabled", havingValue = "true", matchIfMissing = true)
    Poller webhookDeliveryPoller(WebhookDispatcher dispatcher, EventsProperties properties) {
        var poller = new Poller("webhook-delivery", properties.webhooks().interval(), dispatcher::dispatchDue);
        dispatcher.whenFreed(poller::wake);
        return poller;
    }
}
