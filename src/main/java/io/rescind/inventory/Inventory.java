package io.rescind.inventory;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.events.Outbox;
import io.rescind.orders.CancellationEvents.CancellationReverted;
import io.rescind.orders.CancellationEvents.LinesCancelled;
import io.rescind.orders.CancellationEvents.RevertedLine;
import io.rescind.orders.OrderEvent;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.Caller;
import io.rescind.parties.Parties;
import io.rescind.parties.PartyRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sellers' stock. A seller reads and sets its own; an operator any seller's of its tenant. When a
 * cancellation frees units that were never shipped, they go back to the seller's stock in the
 * cancel's own transaction: the step marketplaces ask sellers to do by hand after a cancel.
 */
@Service
public class Inventory {

    private final StockLevels levels;
    private final Parties parties;
    private final Outbox outbox;
    private final JsonMapper json;

    Inventory(StockLevels levels, Parties parties, Outbox outbox, JsonMapper json) {
        this.levels = levels;
        this.parties = parties;
        this.outbox = outbox;
        this.json = json;
    }

    /** @param sellerId needed only when an operator asks */
    public Stock get(Caller caller, UUID sellerId, String sku) {
        var seller = seller(caller, sellerId);
        return levels.find(caller.tenantId(), seller, sku).orElseThrow(() -> RescindException.notFound("SKU"));
    }

    /** Sets the available units of a SKU, creating the stock record on first use. */
    @Transactional
    public Stock set(Caller caller, UUID sellerId, String sku, long available) {
        var seller = seller(caller, sellerId);
        // The seller's own count: nobody else needs telling, so no outbox event (docs/events.md
        // publishes stock changes caused by cancels).
        return levels.set(caller.tenantId(), seller, sku, available);
    }

    /** Reacts to the changes of orders that move units in or out of stock. */
    @EventListener
    void on(OrderEvent event) {
        switch (event.change()) {
            case LinesCancelled cancelled -> restock(event.order(), event.actor(), cancelled);
            case CancellationReverted reverted -> takeBack(event.order(), event.actor(), reverted);
            default -> {}
        }
    }

    /**
     * Gives the cancelled units back, unless the cancel said not to. Only SKUs the seller keeps
     * stock of change: for an untracked SKU there is no level to correct.
     */
    private void restock(PurchaseOrder order, UUID actor, LinesCancelled cancellation) {
        if (!cancellation.restock()) {
            return;
        }
        var cause = new LinkedHashMap<String, Object>();
        if (actor != null) {
            cause.put("actor", actor);
        }
        cause.put("cancellationId", cancellation.cancellationId());
        cause.put("cause", "cancellation");
        for (var line : cancellation.lines()) {
            var sku = order.line(line.lineId()).productId();
            var stock = levels.add(order.tenantId(), order.sellerId(), sku, line.quantity());
            if (stock.isPresent()) {
                // Remembered, so that reverting this cancel takes back exactly what was given.
                levels.recordRestock(
                        order.tenantId(),
                        order.id(),
                        line.lineId(),
                        cancellation.cancellationId(),
                        order.sellerId(),
                        sku,
                        line.quantity());
                announce(
                        order.tenantId(),
                        order.id(),
                        "inventory.adjusted",
                        stock.get(),
                        withLine(cause, line.lineNumber(), line.quantity()));
            }
        }
    }

    /**
     * A revert makes cancelled units open again: the units their cancel gave back to stock are taken
     * out again. When the stock has fallen below that (the units were sold since), the revert is
     * refused as a whole: reinstating the line would promise units the seller no longer has.
     */
    private void takeBack(PurchaseOrder order, UUID actor, CancellationReverted revert) {
        var lineIds = revert.lines().stream().map(RevertedLine::lineId).toList();
        var numbers = revert.lines().stream().collect(Collectors.toMap(RevertedLine::lineId, RevertedLine::lineNumber));
        var cause = new LinkedHashMap<String, Object>();
        cause.put("actor", actor);
        cause.put("cause", "cancellation-reverted");
        for (var restocked : levels.openRestocks(order.tenantId(), lineIds)) {
            var stock = levels.take(order.tenantId(), order.sellerId(), restocked.sku(), restocked.quantity());
            if (stock.isEmpty()) {
                long available = levels.find(order.tenantId(), order.sellerId(), restocked.sku())
                        .map(Stock::available)
                        .orElse(0L);
                throw new RescindException(
                        Kind.CONFLICT,
                        "insufficient-stock",
                        "Line %d gave %d units of %s back to stock on cancel; only %d are available now, so it cannot be reinstated"
                                .formatted(
                                        numbers.get(restocked.lineId()),
                                        restocked.quantity(),
                                        restocked.sku(),
                                        available),
                        Map.of("sku", restocked.sku(), "available", available, "needed", restocked.quantity()));
            }
            announce(
                    order.tenantId(),
                    order.id(),
                    "inventory.adjusted",
                    stock.get(),
                    withLine(cause, numbers.get(restocked.lineId()), -restocked.quantity()));
        }
        levels.closeRestocks(order.tenantId(), lineIds);
    }

    /** @param quantity the change of the stock: positive when given back, negative when taken */
    private static Map<String, Object> withLine(Map<String, Object> cause, int lineNumber, long quantity) {
        var detail = new LinkedHashMap<>(cause);
        detail.put("lineNumber", lineNumber);
        detail.put("quantity", quantity);
        return detail;
    }

    private void announce(UUID tenantId, UUID orderId, String type, Stock stock, Map<String, Object> extra) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("sellerId", stock.sellerId());
        payload.put("sku", stock.sku());
        payload.put("available", stock.available());
        payload.putAll(extra);
        outbox.append(tenantId, orderId, type, json.writeValueAsString(payload));
    }

    private UUID seller(Caller caller, UUID sellerId) {
        return switch (caller.role()) {
            case SELLER -> {
                if (sellerId != null && !sellerId.equals(caller.partyId())) {
                    throw new RescindException(
                            Kind.FORBIDDEN, "not-allowed-for-role", "A seller manages its own stock only");
                }
                yield caller.partyId();
            }
            case OPERATOR -> {
                if (sellerId == null) {
                    throw new RescindException(
                            Kind.INVALID,
                            "invalid-request",
                            "An operator names the sellerId",
                            Map.of("field", "sellerId"));
                }
                var party = parties.find(caller.tenantId(), sellerId);
                if (party.isEmpty() || party.get().role() != PartyRole.SELLER) {
                    throw RescindException.notFound("Seller");
                }
                yield sellerId;
            }
            case BUYER ->
                throw new RescindException(Kind.FORBIDDEN, "not-allowed-for-role", "Stock belongs to sellers");
        };
    }
}
