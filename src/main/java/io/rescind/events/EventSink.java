package io.rescind.events;

/**
 * Where the relay publishes an event. A sink runs inside the relay's transaction: it either
 * writes rows in it (webhook fan-out) or hands the event to a broker and returns once the broker
 * has it (Kafka). If anything fails after that, the event stays unpublished and is offered again:
 * a duplicate at most, never a loss.
 */
interface EventSink {

    void publish(OutboxEvent event, EventType type);
}
