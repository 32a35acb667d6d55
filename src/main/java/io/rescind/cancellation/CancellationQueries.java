package io.rescind.cancellation;

import io.rescind.RescindException;
import io.rescind.orders.Cancellation;
import io.rescind.orders.PurchaseOrder;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** The read side of cancellations: what was asked and what became of it, as the caller may see it. */
@Service
public class CancellationQueries {

    private final PurchaseOrders orders;
    private final Cancellations cancellations;

    CancellationQueries(PurchaseOrders orders, Cancellations cancellations) {
        this.orders = orders;
        this.cancellations = cancellations;
    }

    public Cancellation get(Caller caller, UUID orderId, UUID cancellationId) {
        var order = visible(caller, orderId);
        return cancellations
                .find(order.tenantId(), order.id(), cancellationId)
                .orElseThrow(() -> RescindException.notFound("Cancellation"));
    }

    /** Every cancellation of the order, applied, refused or requested. */
    public List<Cancellation> list(Caller caller, UUID orderId) {
        var order = visible(caller, orderId);
        return cancellations.list(order.tenantId(), order.id());
    }

    /** The order's cancelled units per line and reason, for views that show them summed. */
    public List<CancelledUnits> cancelledUnits(Caller caller, UUID orderId) {
        var order = visible(caller, orderId);
        return cancellations.cancelledUnits(order.tenantId(), order.id());
    }

    /** Pending requests awaiting the caller's decision; an operator sees every one of its tenant. */
    public List<Cancellation> awaitingDecision(Caller caller, int limit) {
        return cancellations.pending(caller.tenantId(), caller.isOperator() ? null : caller.partyId(), limit);
    }

    /** The pending requests of an order the caller can see. */
    public List<Cancellation> pendingOf(Caller caller, UUID orderId) {
        var order = visible(caller, orderId);
        return cancellations.pendingOfOrder(order.tenantId(), order.id());
    }

    private PurchaseOrder visible(Caller caller, UUID orderId) {
        return orders.find(caller, orderId).orElseThrow(() -> RescindException.notFound("Order"));
    }
}
