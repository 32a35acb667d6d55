package io.rescind.actions;

import io.rescind.RescindException;
import io.rescind.cancellation.CancelLines;
import io.rescind.orders.PurchaseOrders;
import io.rescind.parties.Caller;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Accepts commands for asynchronous execution and tells what became of them. Accepting only checks
 * that the caller can see the order; everything else is decided by the engine when a worker runs
 * the action, and recorded on it.
 */
@Service
public class Actions {

    private final ActionStore store;
    private final PurchaseOrders orders;
    private final ActionWorker worker;

    Actions(ActionStore store, PurchaseOrders orders, ActionWorker worker) {
        this.store = store;
        this.orders = orders;
        this.worker = worker;
    }

    /**
     * Accepts cancellations of one order to be applied together, all or nothing, in the given
     * order. Throws not-found when the caller cannot see the order.
     */
    public Action acceptCancel(Caller caller, List<CancelLines> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("An action needs at least one command");
        }
        var orderIds = commands.stream()
                .map(command -> orderId(caller, command))
                .distinct()
                .toList();
        if (orderIds.size() != 1) {
            throw new IllegalArgumentException("The commands of one action must name one order");
        }
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        var action = new Action(
                UUID.randomUUID(),
                Action.Type.CANCEL,
                orderIds.getFirst(),
                caller.partyId(),
                Action.Status.PENDING,
                List.of(),
                List.of(),
                now,
                now);
        store.insert(caller, action, commands.stream().map(StoredCommand::of).toList());
        worker.nudge();
        return action;
    }

    public Action acceptCancel(Caller caller, CancelLines command) {
        return acceptCancel(caller, List.of(command));
    }

    /** The action, if the caller requested it (operators see every action of their tenant). */
    public Action get(Caller caller, UUID actionId) {
        return store.find(caller, actionId).orElseThrow(() -> RescindException.notFound("Action"));
    }

    private UUID orderId(Caller caller, CancelLines command) {
        var order = switch (command.order()) {
            case CancelLines.OrderRef.ById byId -> orders.find(caller, byId.id());
            case CancelLines.OrderRef.ByNumber byNumber -> orders.findByNumber(caller, byNumber.number());
        };
        return order.orElseThrow(() -> RescindException.notFound("Order")).id();
    }
}
