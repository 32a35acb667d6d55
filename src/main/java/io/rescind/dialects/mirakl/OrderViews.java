package io.rescind.dialects.mirakl;

import io.rescind.orders.Amounts;
import io.rescind.orders.Cancellation;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.References;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Mirakl's {@code OrdersPageResponse} made from canonical orders. Amounts, quantities and taxes
 * are what is left after cancelations; each applied cancelation of a line is one {@code
 * adjustments[]} entry of type {@code CANCELATION}.
 */
final class OrderViews {

    private OrderViews() {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Page(List<Order> data, String nextPageToken) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Order(
            String id,
            String channelOrderId,
            Instant createdAt,
            Instant updatedAt,
            String status,
            String statusReason,
            Origin origin,
            Fulfillment fulfillment,
            Map<String, Object> shippingInfo,
            List<Object> customAttributes,
            List<Line> orderLines) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Origin(String channelId, String channelName) {}

    record Fulfillment(String type) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Line(
            String id,
            String channelOrderLineId,
            String status,
            String statusReason,
            boolean canCancel,
            boolean canRefund,
            long quantity,
            Money price,
            Money totalShippingPrice,
            List<Tax> taxes,
            List<Tax> shippingTaxes,
            Product product,
            List<Object> customAttributes,
            List<Adjustment> adjustments) {}

    record Money(BigDecimal amount, String currency) {}

    record Tax(Money amount, String code) {}

    record Product(String id, String title) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Adjustment(
            String adjustmentId,
            String id,
            String type,
            String reason,
            long quantity,
            Money price,
            Money shippingPrice,
            List<Tax> taxes,
            List<Tax> shippingTaxes,
            Instant createdAt) {}

    /** Mirakl's status of a line, and the reason beside it where one applies. */
    record Status(String status, String reason) {

        static Status of(LineStatus status) {
            return switch (status) {
                case ISSUED, IN_PROGRESS -> new Status("AWAITING_ACCEPTANCE", null);
                case CONFIRMED -> new Status("AWAITING_SHIPMENT", null);
                case SHIPPED -> new Status("SHIPPED", null);
                case COMPLETED -> new Status("DELIVERED", null);
                case REJECTED -> new Status("CLOSED", "REFUSED");
                case CANCELLED -> new Status("CLOSED", "CANCELED");
            };
        }
    }

    /** How far along the order is: the least advanced of its lines still in play. */
    static Status statusOf(PurchaseOrder order) {
        var rank = List.of(
                LineStatus.ISSUED,
                LineStatus.IN_PROGRESS,
                LineStatus.CONFIRMED,
                LineStatus.SHIPPED,
                LineStatus.COMPLETED,
                LineStatus.REJECTED,
                LineStatus.CANCELLED);
        return order.lines().stream()
                .map(OrderLine::status)
                .min(Comparator.comparingInt(rank::indexOf))
                .map(Status::of)
                .orElse(new Status("CLOSED", null));
    }

    /** The order as Mirakl shows it, with Mirakl's own ids where the order has them. */
    static Order of(PurchaseOrder order, Map<UUID, References> references, List<Cancellation> cancellations) {
        var status = statusOf(order);
        return new Order(
                miraklId(references, order.id()),
                order.buyerOrderNumber(),
                order.createdAt(),
                order.updatedAt(),
                status.status(),
                status.reason(),
                new Origin(order.buyerId().toString(), "rescind"),
                new Fulfillment("FULFILLED_BY_SELLER"),
                Map.of(),
                List.of(),
                order.lines().stream()
                        .map(line -> line(order.currency(), line, miraklId(references, line.id()), cancellations))
                        .toList());
    }

    private static String miraklId(Map<UUID, References> references, UUID id) {
        return references
                .getOrDefault(id, References.NONE)
                .in(CancelTranslation.CHANNEL)
                .orElse(id.toString());
    }

    private static Line line(String currency, OrderLine line, String lineId, List<Cancellation> cancellations) {
        var status = Status.of(line.status());
        var left = line.remaining();
        var adjustments = cancellations.stream()
                .filter(c -> c.status() == Cancellation.Status.APPLIED)
                .flatMap(c -> c.lines().stream()
                        .filter(cancelled -> cancelled.lineId().equals(line.id()))
                        .map(cancelled -> new Adjustment(
                                c.id().toString(),
                                c.id().toString(),
                                "CANCELATION",
                                MiraklReason.nameOf(c.reason()),
                                cancelled.quantity(),
                                new Money(cancelled.amounts().price(), currency),
                                new Money(cancelled.amounts().shippingPrice(), currency),
                                taxes(cancelled.amounts().taxes(), currency),
                                taxes(cancelled.amounts().shippingTaxes(), currency),
                                c.createdAt())))
                .toList();
        return new Line(
                lineId,
                line.position(),
                status.status(),
                status.reason(),
                line.openQuantity() > 0 && !line.status().isFinal(),
                false,
                line.quantity() - line.cancelledQuantity(),
                new Money(left.price(), currency),
                new Money(left.shippingPrice(), currency),
                taxes(left.taxes(), currency),
                taxes(left.shippingTaxes(), currency),
                new Product(line.productId(), line.description() == null ? line.productId() : line.description()),
                List.of(),
                adjustments);
    }

    private static List<Tax> taxes(List<Amounts.Tax> taxes, String currency) {
        return taxes.stream()
                .map(t -> new Tax(new Money(t.amount(), currency), t.code()))
                .toList();
    }
}
