package io.rescind.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The external contract: which internal outbox types leave Rescind, and under which names. The
 * internal names are free to change; the external ones are versioned with the envelope. An
 * internal type that is not listed here is not published (the relay logs it and moves on).
 */
public final class EventCatalog {

    private static final Map<String, EventType> BY_INTERNAL = new LinkedHashMap<>();

    static {
        add("order.created", "order.created", null);
        add("line.confirmed", "order.line.confirmed", null);
        add("line.rejected", "order.line.rejected", null);
        add("line.shipped", "order.line.shipped", null);
        add("line.completed", "order.line.completed", null);
        add("order.amended", "order.amended", null);
        add("order.lines_cancelled", "cancellation.applied", "OrderLinesCancelledByBuyer");
        add("order.cancellation_refused", "cancellation.refused", null);
        add("order.cancellation_requested", "cancellation.requested", null);
        add("order.cancellation_accepted", "cancellation.accepted", null);
        add("order.cancellation_rejected", "cancellation.rejected", null);
        add("order.cancellation_expired", "cancellation.expired", null);
        add("cancellation.reverted", "cancellation.reverted", "CancelledOrderLinesRevertedByBuyer");
        add("inventory.adjusted", "inventory.adjusted", null);
        add("action.finished", "action.finished", null);
        add("webhook.subscription_paused", "webhook.subscription.paused", null);
        add("webhook.subscription_resumed", "webhook.subscription.resumed", null);
    }

    private EventCatalog() {}

    private static void add(String internal, String external, String tradecloud) {
        BY_INTERNAL.put(internal, new EventType(external, tradecloud));
    }

    static Optional<EventType> forInternal(String internalType) {
        return Optional.ofNullable(BY_INTERNAL.get(internalType));
    }

    /**
     * The name a change is known by outside: in webhooks, on Kafka and in an order's history alike
     * (one vocabulary); a type that is never published keeps its own name.
     */
    public static String externalName(String internalType) {
        return forInternal(internalType).map(EventType::name).orElse(internalType);
    }

    /** Every external name a subscription may ask for. */
    public static Set<String> externalNames() {
        var names = new java.util.TreeSet<String>();
        BY_INTERNAL.values().forEach(type -> names.add(type.name()));
        return names;
    }
}
