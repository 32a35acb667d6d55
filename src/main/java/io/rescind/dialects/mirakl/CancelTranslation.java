package io.rescind.dialects.mirakl;

import io.rescind.dialects.mirakl.CancelOrderLines.Cancelation;
import io.rescind.dialects.mirakl.CancelOrderLines.TaxAmount;
import io.rescind.orders.Amounts;
import io.rescind.orders.CancelLines;
import io.rescind.orders.LineRef;
import io.rescind.orders.OrderLine;
import io.rescind.orders.PurchaseOrder;
import io.rescind.parties.References;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Turns Mirakl's cancel request into engine commands: each entry's line found by {@code
 * order_line_id} (our line id) and/or {@code product_id}, and one command per reason, since a
 * canonical cancellation has one reason. Nothing is decided here beyond naming the lines.
 */
final class CancelTranslation {

    private CancelTranslation() {}

    /** The channel of Mirakl's own order and line ids among an order's references. */
    static final String CHANNEL = "mirakl";

    static List<CancelLines> commands(PurchaseOrder order, Map<UUID, References> references, CancelOrderLines request) {
        var errors = new ArrayList<MiraklError.Item>();
        var byReason = new LinkedHashMap<MiraklReason, List<CancelLines.LineCancel>>();
        for (int i = 0; i < request.cancelations().size(); i++) {
            var entry = request.cancelations().get(i);
            var path = "$.cancelations[" + i + "]";
            var line = line(order, references, entry, path, errors);
            var currency = currency(entry, path, errors);
            if (line == null || currency == null) {
                continue;
            }
            var amounts = new CancelLines.RequestedAmounts(
                    currency,
                    entry.price().amount(),
                    entry.shippingPrice().amount(),
                    taxes(entry.taxes()),
                    taxes(entry.shippingTaxes()));
            byReason.computeIfAbsent(MiraklReason.valueOf(entry.reason()), r -> new ArrayList<>())
                    .add(new CancelLines.LineCancel(new LineRef.ById(line.id()), entry.quantity(), amounts));
        }
        if (!errors.isEmpty()) {
            throw new MiraklError.Invalid(errors);
        }
        return byReason.entrySet().stream()
                .map(group -> new CancelLines(
                        new CancelLines.OrderRef.ById(order.id()),
                        new CancelLines.Lines(group.getValue()),
                        group.getKey().canonical(),
                        null,
                        null))
                .toList();
    }

    private static OrderLine line(
            PurchaseOrder order,
            Map<UUID, References> references,
            Cancelation entry,
            String path,
            List<MiraklError.Item> errors) {
        if (entry.orderLineId() == null && entry.productId() == null) {
            errors.add(new MiraklError.Item("give order_line_id or product_id", path, null));
            return null;
        }
        OrderLine byId = null;
        if (entry.orderLineId() != null) {
            byId = order.lines().stream()
                    .filter(l -> l.id().toString().equals(entry.orderLineId().toLowerCase())
                            || references
                                    .getOrDefault(l.id(), References.NONE)
                                    .in(CHANNEL)
                                    .filter(entry.orderLineId()::equals)
                                    .isPresent())
                    .findFirst()
                    .orElse(null);
            if (byId == null) {
                errors.add(new MiraklError.Item("the order has no such line", path + ".order_line_id", null));
                return null;
            }
        }
        if (entry.productId() == null) {
            return byId;
        }
        var byProduct = order.lines().stream()
                .filter(l -> l.productId().equals(entry.productId()))
                .toList();
        if (byId != null) {
            if (!byId.productId().equals(entry.productId())) {
                errors.add(new MiraklError.Item(
                        "the line named by order_line_id is of another product", path + ".product_id", null));
                return null;
            }
            return byId;
        }
        if (byProduct.size() != 1) {
            errors.add(new MiraklError.Item(
                    byProduct.isEmpty()
                            ? "the order has no line of this product"
                            : "several lines have this product; name the line by order_line_id",
                    path + ".product_id",
                    null));
            return null;
        }
        return byProduct.getFirst();
    }

    /** The one currency of an entry's amounts; Rescind does not convert. */
    private static String currency(Cancelation entry, String path, List<MiraklError.Item> errors) {
        var currencies = Stream.of(
                        Stream.of(
                                entry.price().currency(), entry.shippingPrice().currency()),
                        Stream.ofNullable(entry.taxes())
                                .flatMap(List::stream)
                                .map(t -> t.amount().currency()),
                        Stream.ofNullable(entry.shippingTaxes())
                                .flatMap(List::stream)
                                .map(t -> t.amount().currency()))
                .flatMap(s -> s)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (currencies.size() != 1) {
            errors.add(new MiraklError.Item("all amounts of one cancelation must be in one currency", path, null));
            return null;
        }
        return currencies.getFirst();
    }

    private static List<Amounts.Tax> taxes(List<TaxAmount> taxes) {
        return taxes == null
                ? null
                : taxes.stream()
                        .map(t -> new Amounts.Tax(t.code(), t.amount().amount()))
                        .toList();
    }

    static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
