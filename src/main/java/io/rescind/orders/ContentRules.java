package io.rescind.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which changes of content an existing line accepts: pure rules, one verdict per line. Closed
 * lines ignore changes (as Tradecloud says of Completed and Cancelled lines); open lines take a
 * new description always, and a new product, quantity or unit price only while what was already
 * shipped, cancelled or held stays exact.
 */
final class ContentRules {

    private ContentRules() {}

    sealed interface Verdict {}

    record Same() implements Verdict {}

    record Ignore() implements Verdict {}

    record Refuse(String reason, String detail) implements Verdict {}

    record Apply(OrderLine after, List<LineAmendment.FieldChange> changes) implements Verdict {}

    static Verdict judge(OrderLine line, Amendment.LineContent wanted) {
        var product = wanted.productId() == null ? line.productId() : wanted.productId();
        var description = wanted.description() == null ? line.description() : wanted.description();
        long quantity = wanted.quantity() == null ? line.quantity() : wanted.quantity();
        var unitPrice = wanted.unitPrice() == null ? line.unitPrice() : wanted.unitPrice();
        boolean productChanges = !product.equals(line.productId());
        boolean quantityChanges = quantity != line.quantity();
        boolean priceChanges = unitPrice.compareTo(line.unitPrice()) != 0;
        boolean descriptionChanges = !Objects.equals(description, line.description());
        if (!productChanges && !quantityChanges && !priceChanges && !descriptionChanges) {
            return new Same();
        }
        if (line.status().isFinal()) {
            return new Ignore();
        }
        var changes = new ArrayList<LineAmendment.FieldChange>();
        if (descriptionChanges) {
            changes.add(new LineAmendment.FieldChange("description", line.description(), description));
        }
        if (!productChanges && !quantityChanges && !priceChanges) {
            return new Apply(line.withContent(product, description, quantity, unitPrice, line.status()), changes);
        }
        long committed = line.shippedQuantity() + line.cancelledQuantity() + line.pendingCancelQuantity();
        if (line.status() == LineStatus.SHIPPED) {
            return new Refuse(
                    "line-shipped",
                    "Line %d has shipped units; only its description can change".formatted(line.number()));
        }
        if ((quantityChanges || priceChanges) && hasFixedAmounts(line)) {
            return new Refuse(
                    "amounts-fixed",
                    "Line %d has taxes or shipping stated for its quantity and price; they cannot be recomputed"
                            .formatted(line.number()));
        }
        if (quantityChanges && quantity <= committed) {
            return new Refuse(
                    "quantity-below-committed",
                    "Line %d has %d units shipped, cancelled or awaiting a cancel decision; its quantity must stay above that, not %d"
                            .formatted(line.number(), committed, quantity));
        }
        if (priceChanges && line.cancelledQuantity() + line.pendingCancelQuantity() > 0) {
            return new Refuse(
                    "price-locked",
                    "Line %d has units cancelled (or awaiting a decision) at %s each; its price can no longer change"
                            .formatted(line.number(), line.unitPrice().toPlainString()));
        }
        if (productChanges && committed > 0) {
            return new Refuse(
                    "product-locked",
                    "Line %d has units shipped, cancelled or awaiting a cancel decision; its product can no longer change"
                            .formatted(line.number()));
        }
        if (productChanges) {
            changes.add(new LineAmendment.FieldChange("productId", line.productId(), product));
        }
        if (quantityChanges) {
            changes.add(new LineAmendment.FieldChange(
                    "quantity", String.valueOf(line.quantity()), String.valueOf(quantity)));
        }
        if (priceChanges) {
            changes.add(new LineAmendment.FieldChange(
                    "unitPrice", line.unitPrice().toPlainString(), unitPrice.toPlainString()));
        }
        // A commercial change the supplier has answered (confirmed or rejected) needs its answer
        // again: the line is reopened, as Tradecloud does with a reissued or reopened line.
        var status = switch (line.status()) {
            case CONFIRMED, REJECTED -> LineStatus.IN_PROGRESS;
            default -> line.status();
        };
        return new Apply(line.withContent(product, description, quantity, unitPrice, status), changes);
    }

    private static boolean hasFixedAmounts(OrderLine line) {
        var totals = line.totals();
        return totals.shippingPrice().signum() != 0
                || !totals.taxes().isEmpty()
                || !totals.shippingTaxes().isEmpty();
    }
}
