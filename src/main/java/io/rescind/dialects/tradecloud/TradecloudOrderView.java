package io.rescind.dialects.tradecloud;

import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order in Tradecloud's order shape, with the parts Rescind knows. */
record TradecloudOrderView(
        UUID id, BuyerOrder buyerOrder, Status status, long version, Instant lastUpdatedAt, List<Line> lines) {

    record BuyerOrder(String purchaseOrderNumber, String supplierAccountNumber, String buyerId, String currencyIso) {}

    record Status(String processStatus, String logisticsStatus) {}

    record Line(UUID id, String lineType, BuyerLine buyerLine, Status status) {}

    record BuyerLine(
            String position, String description, Item item, List<ScheduledDelivery> deliverySchedule, Prices prices) {}

    record Item(String number) {}

    record ScheduledDelivery(String position, long quantity) {}

    record Prices(NetPrice netPrice, int priceUnitQuantity) {}

    record NetPrice(Money priceInTransactionCurrency) {}

    record Money(java.math.BigDecimal value, String currencyIso) {}

    static TradecloudOrderView of(PurchaseOrder order) {
        var lines = order.lines().stream().map(line -> line(order, line)).toList();
        return new TradecloudOrderView(
                order.id(),
                new BuyerOrder(
                        order.buyerOrderNumber(),
                        order.sellerId().toString(),
                        order.buyerId().toString(),
                        order.currency()),
                new Status(
                        orderProcessStatus(
                                order.lines().stream().map(OrderLine::status).toList()),
                        null),
                order.version(),
                order.updatedAt(),
                lines);
    }

    private static Line line(PurchaseOrder order, OrderLine line) {
        return new Line(
                line.id(),
                "Item",
                new BuyerLine(
                        line.position(),
                        line.description(),
                        new Item(line.productId()),
                        List.of(new ScheduledDelivery("0001", line.quantity())),
                        new Prices(new NetPrice(new Money(line.unitPrice(), order.currency())), 1)),
                new Status(processStatus(line.status()), logisticsStatus(line)));
    }

    /** Tradecloud has no Shipped process status: shipping is logistics, the line stays Confirmed. */
    static String processStatus(LineStatus status) {
        return switch (status) {
            case ISSUED -> "Issued";
            case IN_PROGRESS -> "InProgress";
            case CONFIRMED, SHIPPED -> "Confirmed";
            case REJECTED -> "Rejected";
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
        };
    }

    private static String logisticsStatus(OrderLine line) {
        if (line.status() == LineStatus.CANCELLED) {
            return "Cancelled";
        }
        if (line.shippedQuantity() > 0) {
            return "Shipped";
        }
        return "Open";
    }

    /**
     * The order's status from its lines (Tradecloud does not publish the rule): Cancelled when every
     * line is; otherwise, over the lines not cancelled, the one status they all share, Confirmed
     * when all are Confirmed or Completed, and InProgress for any other mix.
     */
    static String orderProcessStatus(List<LineStatus> lines) {
        var live = lines.stream()
                .map(TradecloudOrderView::processStatus)
                .filter(s -> !s.equals("Cancelled"))
                .distinct()
                .toList();
        if (live.isEmpty()) {
            return "Cancelled";
        }
        if (live.size() == 1) {
            return live.getFirst();
        }
        if (live.stream().allMatch(s -> s.equals("Confirmed") || s.equals("Completed"))) {
            return "Confirmed";
        }
        return "InProgress";
    }
}
