package io.rescind.orders;

import java.util.UUID;

/**
 * A change of an order, announced to listeners inside the transaction that saves it, after it is
 * written to the history and the outbox: a listener (inventory) makes its own changes in the same
 * transaction, or fails it. The change is the same record the history and the outbox hold.
 *
 * @param order the order as it is after the change
 * @param actor who made the change; null for Rescind itself (an expiry)
 */
public record OrderEvent(PurchaseOrder order, UUID actor, OrderChange change) {}
