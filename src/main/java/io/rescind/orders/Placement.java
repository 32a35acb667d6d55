package io.rescind.orders;

/** The result of placing an order: new, or the same order placed before with the same content. */
public sealed interface Placement {

    PurchaseOrder order();

    record Placed(PurchaseOrder order) implements Placement {}

    record AlreadyPlaced(PurchaseOrder order) implements Placement {}
}
