package io.rescind.dialects.walmart;

import io.rescind.orders.CancelLines;
import io.rescind.orders.LineRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an {@code orderCancellation} (XML, JSON with or without the wrapper) into the canonical
 * command. Every {@code orderLineStatus} of a line adds its {@code statusQuantity.amount}; all of
 * them must say {@code Cancelled} (any case) and give the same reason.
 */
final class CancelRequest {

    private CancelRequest() {}

    static CancelLines toCommand(long orderNumber, Tree.Document document) {
        var content = Tree.object(document.content());
        if (document.root() != null && !document.root().equals("orderCancellation")) {
            throw WalmartFault.content(
                    document.root(), "The root element must be orderCancellation, not " + document.root());
        }
        if (document.root() == null && content != null && content.containsKey("orderCancellation")) {
            content = Tree.object(content.get("orderCancellation"));
        }
        if (content == null) {
            throw WalmartFault.content("orderCancellation", "orderCancellation must be an object");
        }
        var orderLines = Tree.object(content.get("orderLines"));
        var lines = orderLines == null ? null : Tree.many(orderLines.get("orderLine"));
        if (lines == null || lines.isEmpty()) {
            throw WalmartFault.content("orderLines", "orderLines must hold at least one orderLine");
        }
        Map<Integer, Long> quantities = new LinkedHashMap<>();
        WalmartReason reason = null;
        for (var item : lines) {
            var line = Tree.object(item);
            if (line == null) {
                throw WalmartFault.content("orderLine", "Each orderLine must be an object");
            }
            int lineNumber = lineNumber(Tree.text(line.get("lineNumber")));
            var field = "orderLine[lineNumber=%d]".formatted(lineNumber);
            var statuses = Tree.object(line.get("orderLineStatuses"));
            var entries = statuses == null ? null : Tree.many(statuses.get("orderLineStatus"));
            if (entries == null || entries.isEmpty()) {
                throw WalmartFault.content(
                        field + ".orderLineStatuses", "Line %d has no orderLineStatus".formatted(lineNumber));
            }
            for (var entryItem : entries) {
                var entry = Tree.object(entryItem);
                if (entry == null) {
                    throw WalmartFault.content(field + ".orderLineStatus", "Each orderLineStatus must be an object");
                }
                var status = Tree.text(entry.get("status"));
                if (!"cancelled".equalsIgnoreCase(status)) {
                    throw WalmartFault.content(
                            field + ".status", "status must be Cancelled, not '%s'".formatted(status));
                }
                var reasonText = Tree.text(entry.get("cancellationReason"));
                var entryReason = WalmartReason.parse(reasonText)
                        .orElseThrow(() -> WalmartFault.content(
                                field + ".cancellationReason",
                                "'%s' is not a cancellationReason".formatted(reasonText)));
                if (reason != null && reason != entryReason) {
                    throw WalmartFault.content(
                            field + ".cancellationReason",
                            "All lines of one cancel request must give the same cancellationReason");
                }
                reason = entryReason;
                quantities.merge(lineNumber, amount(field, Tree.object(entry.get("statusQuantity"))), Math::addExact);
            }
        }
        var cancels = new ArrayList<CancelLines.LineCancel>();
        quantities.forEach((number, quantity) ->
                cancels.add(new CancelLines.LineCancel(new LineRef.ByNumber(number), quantity, null)));
        return new CancelLines(
                new CancelLines.OrderRef.ByNumber(orderNumber),
                new CancelLines.Lines(cancels),
                reason.canonical,
                reason.name(),
                null);
    }

    private static int lineNumber(String text) {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw WalmartFault.content("lineNumber", "lineNumber must be a positive integer, not '%s'".formatted(text));
    }

    private static long amount(String field, Map<?, ?> quantity) {
        if (quantity == null) {
            throw WalmartFault.content(field + ".statusQuantity", "statusQuantity is required");
        }
        var unit = Tree.text(quantity.get("unitOfMeasurement"));
        if (!"EACH".equalsIgnoreCase(unit) && !"EA".equalsIgnoreCase(unit)) {
            throw WalmartFault.content(
                    field + ".statusQuantity.unitOfMeasurement",
                    "unitOfMeasurement must be EACH or EA, not '%s'".formatted(unit));
        }
        var text = Tree.text(quantity.get("amount"));
        try {
            // Walmart's samples write "1"; clients that write amounts as decimals send "1.0": same unit count.
            long amount = new java.math.BigDecimal(text.strip()).longValueExact();
            if (amount >= 1 && amount <= 1_000_000_000L) {
                return amount;
            }
        } catch (NumberFormatException | ArithmeticException | NullPointerException notAWholeNumber) {
            // refused below
        }
        throw WalmartFault.content(
                field + ".statusQuantity.amount",
                "amount must be a whole number of units from 1, not '%s'".formatted(text));
    }
}
