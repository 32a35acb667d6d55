package io.rescind.dialects.walmart;

import io.rescind.cancellation.CancelledUnits;
import io.rescind.orders.Amounts;
import io.rescind.orders.LineStatus;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Rescind order in Walmart's CA order shape. Rescind keeps no end-customer data, so the
 * customer and shipping fields Walmart requires are present but empty, and its dates are the
 * order's own (see docs/dialects/walmart-ca.md).
 */
final class OrderView {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private OrderView() {}

    static String date(Instant instant) {
        return DATE.format(instant);
    }

    static Map<String, Object> of(PurchaseOrder order, List<CancelledUnits> cancelled) {
        var view = new LinkedHashMap<String, Object>();
        view.put("purchaseOrderId", String.valueOf(order.number()));
        view.put("customerOrderId", order.buyerOrderNumber());
        view.put("customerEmailId", "");
        view.put("orderDate", date(order.createdAt()));
        view.put("shippingInfo", shippingInfo(order));
        var lines = new ArrayList<Object>();
        for (var line : order.lines()) {
            lines.add(line(order, line, cancelled));
        }
        view.put("orderLines", Map.of("orderLine", lines));
        return view;
    }

    private static Map<String, Object> shippingInfo(PurchaseOrder order) {
        var address = new LinkedHashMap<String, Object>();
        address.put("name", "");
        address.put("address1", "");
        address.put("city", "");
        address.put("state", "");
        address.put("postalCode", "");
        address.put("country", "");
        var info = new LinkedHashMap<String, Object>();
        info.put("phone", "");
        info.put("estimatedDeliveryDate", date(order.createdAt()));
        info.put("estimatedShipDate", date(order.createdAt()));
        info.put("methodCode", "Standard");
        info.put("postalAddress", address);
        return info;
    }

    private static Map<String, Object> line(PurchaseOrder order, OrderLine line, List<CancelledUnits> cancelled) {
        var view = new LinkedHashMap<String, Object>();
        view.put("lineNumber", String.valueOf(line.number()));
        var item = new LinkedHashMap<String, Object>();
        item.put("productName", line.description() == null ? line.productId() : line.description());
        item.put("sku", line.productId());
        view.put("item", item);
        var charges = new ArrayList<Object>();
        charges.add(charge(
                order,
                "PRODUCT",
                "ItemPrice",
                line.totals().price(),
                line.totals().taxes()));
        if (line.totals().shippingPrice().signum() > 0
                || !line.totals().shippingTaxes().isEmpty()) {
            charges.add(charge(
                    order,
                    "SHIPPING",
                    "Shipping",
                    line.totals().shippingPrice(),
                    line.totals().shippingTaxes()));
        }
        view.put("charges", Map.of("charge", charges));
        view.put("orderLineQuantity", quantity(line.quantity()));
        view.put("statusDate", date(order.updatedAt()));
        view.put("orderLineStatuses", Map.of("orderLineStatus", statuses(line, cancelled)));
        return view;
    }

    private static Map<String, Object> charge(
            PurchaseOrder order, String type, String name, BigDecimal amount, List<Amounts.Tax> taxes) {
        var charge = new LinkedHashMap<String, Object>();
        charge.put("chargeType", type);
        charge.put("chargeName", name);
        charge.put("chargeAmount", money(order, amount));
        if (!taxes.isEmpty()) {
            // Walmart has one tax per charge: several canonical taxes show as their sum.
            var total = taxes.stream().map(Amounts.Tax::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            var tax = new LinkedHashMap<String, Object>();
            tax.put(
                    "taxName",
                    String.join("+", taxes.stream().map(Amounts.Tax::code).toList()));
            tax.put("taxAmount", money(order, total));
            charge.put("tax", tax);
        }
        return charge;
    }

    private static Map<String, Object> money(PurchaseOrder order, BigDecimal amount) {
        var money = new LinkedHashMap<String, Object>();
        money.put("currency", order.currency());
        money.put("amount", amount.setScale(order.scale()));
        return money;
    }

    private static Map<String, Object> quantity(long amount) {
        var quantity = new LinkedHashMap<String, Object>();
        quantity.put("unitOfMeasurement", "EACH");
        quantity.put("amount", String.valueOf(amount));
        return quantity;
    }

    /**
     * The line's units by status: the open ones as Created or Acknowledged, shipped ones as
     * Shipped, and cancelled ones as Cancelled, one entry per Walmart reason they were cancelled
     * for.
     */
    private static List<Object> statuses(OrderLine line, List<CancelledUnits> cancelledUnits) {
        var result = new ArrayList<Object>();
        long open = line.quantity() - line.shippedQuantity() - line.cancelledQuantity();
        if (open > 0) {
            var status = switch (line.status()) {
                case ISSUED, IN_PROGRESS, REJECTED -> "Created";
                default -> "Acknowledged";
            };
            result.add(status(status, open, null));
        }
        if (line.shippedQuantity() > 0) {
            result.add(status("Shipped", line.shippedQuantity(), null));
        }
        Map<WalmartReason, Long> cancelled = new LinkedHashMap<>();
        for (var units : cancelledUnits) {
            if (units.lineId().equals(line.id())) {
                cancelled.merge(WalmartReason.shown(units.reason(), units.note()), units.units(), Long::sum);
            }
        }
        cancelled.forEach((reason, units) -> result.add(status("Cancelled", units, reason.name())));
        if (result.isEmpty() && line.status() == LineStatus.CANCELLED) {
            result.add(status("Cancelled", line.cancelledQuantity(), WalmartReason.CANCEL_BY_SELLER.name()));
        }
        return result;
    }

    private static Map<String, Object> status(String status, long units, String reason) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("status", status);
        entry.put("statusQuantity", quantity(units));
        if (reason != null) {
            entry.put("cancellationReason", reason);
        }
        return entry;
    }
}
