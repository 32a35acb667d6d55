package io.rescind.dialects.tradecloud;

import io.rescind.orders.Amendment;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A resent order's lines as an amendment of the order: each line's content by position (a part
 * the message leaves out keeps what the line has; a new position must be complete), then the
 * lines the message marks completed.
 */
final class LineContents {

    private LineContents() {}

    static Amendment amendment(
            PurchaseOrder order,
            List<Messages.OrderLine> lines,
            Indicators orderIndicators,
            Map<String, Indicators> flags) {
        var known = order.lines().stream().map(OrderLine::position).collect(Collectors.toSet());
        var contents = lines.stream().map(line -> content(order, known, line)).toList();
        return new Amendment(order.id(), contents, Indicators.completedByOrder(orderIndicators, flags));
    }

    private static Amendment.LineContent content(PurchaseOrder order, Set<String> known, Messages.OrderLine line) {
        var where = "Line '%s'".formatted(line.position());
        if (!TradecloudController.POSITION.matcher(line.position()).matches()) {
            throw TradecloudError.badRequest(where + ": position has at most 50 characters and no spaces");
        }
        var item = line.item();
        if (item != null && item.number() != null && item.number().isBlank()) {
            throw TradecloudError.badRequest(where + ": item.number must not be blank");
        }
        var productId = item == null ? null : item.number();
        var description = line.description() != null ? line.description() : item == null ? null : item.name();
        var quantity =
                line.deliverySchedule() == null ? null : TradecloudController.quantity(where, line.deliverySchedule());
        var money = line.prices() == null || line.prices().netPrice() == null
                ? null
                : line.prices().netPrice().priceInTransactionCurrency();
        var unitPrice = money == null || money.value() == null
                ? null
                : TradecloudController.unitPrice(
                        where, money.value(), line.prices().priceUnitQuantity());
        if (money != null && money.currencyIso() != null && !money.currencyIso().equals(order.currency())) {
            throw TradecloudError.badRequest(
                    where + ": the order is in " + order.currency() + ", not " + money.currencyIso());
        }
        if (!known.contains(line.position()) && (productId == null || quantity == null || unitPrice == null)) {
            throw TradecloudError.badRequest(
                    where + ": a new line needs item.number, deliverySchedule and prices.netPrice");
        }
        return new Amendment.LineContent(line.position(), productId, description, quantity, unitPrice);
    }
}
