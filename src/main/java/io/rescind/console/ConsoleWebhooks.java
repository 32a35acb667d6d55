package io.rescind.console;

import io.rescind.events.Webhooks;
import io.rescind.parties.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Webhook subscriptions and their deliveries, through the service the REST API calls. */
@Component
class ConsoleWebhooks {

    private final Webhooks webhooks;

    ConsoleWebhooks(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    List<Webhooks.Subscription> subscriptions(Caller caller) {
        return webhooks.subscriptions(caller);
    }

    /** Deliveries, newest first; {@code status} null for all, {@code DEAD} for dead letters. */
    List<Webhooks.Delivery> deliveries(Caller caller, UUID subscriptionId, String status, int limit) {
        return webhooks.deliveries(caller, subscriptionId, status, limit);
    }

    Webhooks.Delivery redeliver(Caller caller, UUID deliveryId) {
        return webhooks.redeliver(caller, deliveryId);
    }
}
