package io.rescind.orders;

/**
 * Something that happened to an order, recorded in its history and announced through the outbox.
 * Implementations are records; their components are the event's payload.
 */
public interface OrderChange {

    /** The event type, e.g. {@code order.created}; stable, as receivers key on it. */
    String type();
}
