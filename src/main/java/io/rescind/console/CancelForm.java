package io.rescind.console;

import io.rescind.orders.Amounts;
import io.rescind.orders.CancelLines;
import io.rescind.orders.CancelReason;
import io.rescind.orders.LineRef;
import io.rescind.orders.OrderLine;
import io.rescind.orders.Proration;
import io.rescind.orders.PurchaseOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.util.MultiValueMap;

/**
 * A cancel as the console's form submits it: a quantity per line number ({@code quantity.2=3}) or
 * "all that is open", a reason, a note, and the order version the page showed. {@link #check}
 * holds it against the order as loaded now; only a clean form becomes an engine command, so bad
 * input writes nothing (not even a refusal in the order's history).
 */
record CancelForm(
        boolean all, Map<String, String> quantities, String reason, String note, String version, String token) {

    static final String QUANTITY = "quantity.";
    static final int MAX_NOTE = 1000;

    /** One line of the preview: what the engine would cancel, prorated exactly as it prorates. */
    record PreviewLine(OrderLine line, long quantity, Amounts amounts, BigDecimal total) {}

    sealed interface Checked {}

    /** The page was made from an older version of the order: show it again as it is now. */
    record Stale(long now) implements Checked {}

    record Invalid(List<String> errors) implements Checked {}

    record Valid(CancelLines.Scope scope, CancelReason reason, String note, List<PreviewLine> lines, BigDecimal total)
            implements Checked {}

    static CancelForm of(MultiValueMap<String, String> form) {
        var quantities = new LinkedHashMap<String, String>();
        form.forEach((name, values) -> {
            if (name.startsWith(QUANTITY) && !values.isEmpty()) {
                quantities.put(name.substring(QUANTITY.length()), values.getFirst());
            }
        });
        return new CancelForm(
                "true".equals(form.getFirst("all")),
                quantities,
                form.getFirst("reason"),
                form.getFirst("note"),
                form.getFirst("version"),
                form.getFirst("token"));
    }

    /** The quantity typed for a line, as typed, for showing the form again. */
    public String quantityOf(int lineNumber) {
        return quantities.getOrDefault(Integer.toString(lineNumber), "");
    }

    Checked check(PurchaseOrder order) {
        if (version == null || !version.equals(Long.toString(order.version()))) {
            return new Stale(order.version());
        }
        var errors = new ArrayList<String>();
        var parsedReason = reason(errors);
        if (note != null && note.length() > MAX_NOTE) {
            errors.add("The note is %d characters long; at most %d fit.".formatted(note.length(), MAX_NOTE));
        }
        var byNumber = new LinkedHashMap<Integer, OrderLine>();
        order.lines().forEach(line -> byNumber.put(line.number(), line));
        var chosen = new ArrayList<PreviewLine>();
        if (all) {
            for (var line : order.lines()) {
                if (line.openQuantity() > 0) {
                    chosen.add(preview(line, line.openQuantity()));
                }
            }
            if (chosen.isEmpty()) {
                errors.add("Nothing on this order is open any more, so there is nothing to cancel.");
            }
        } else {
            quantities.forEach(
                    (key, typed) -> line(key, typed, byNumber, errors).ifPresent(chosen::add));
            if (chosen.isEmpty() && errors.isEmpty()) {
                errors.add("Choose how many units to cancel on at least one line, or tick \"all that is open\".");
            }
        }
        if (!errors.isEmpty()) {
            return new Invalid(errors);
        }
        CancelLines.Scope scope = all
                ? new CancelLines.WholeOrder()
                : new CancelLines.Lines(chosen.stream()
                        .map(p -> new CancelLines.LineCancel(
                                new LineRef.ById(p.line().id()), p.quantity(), null))
                        .toList());
        var total = chosen.stream().map(PreviewLine::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        var cleanNote = note == null || note.isBlank() ? null : note.strip();
        return new Valid(scope, parsedReason, cleanNote, chosen, total);
    }

    private CancelReason reason(List<String> errors) {
        if (reason == null || reason.isBlank()) {
            errors.add("Choose a reason for the cancel.");
            return null;
        }
        try {
            return CancelReason.valueOf(reason);
        } catch (IllegalArgumentException unknown) {
            errors.add("\"%s\" is not one of the reasons listed.".formatted(reason));
            return null;
        }
    }

    private static Optional<PreviewLine> line(
            String key, String typed, Map<Integer, OrderLine> byNumber, List<String> errors) {
        var text = typed == null ? "" : typed.strip();
        Integer number = parseInt(key);
        var line = number == null ? null : byNumber.get(number);
        if (line == null) {
            errors.add("This order has no line %s.".formatted(key));
            return Optional.empty();
        }
        if (text.isEmpty() || text.equals("0")) {
            return Optional.empty();
        }
        long quantity;
        try {
            quantity = Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            errors.add("Line %d: \"%s\" is not a whole number of units.".formatted(number, text));
            return Optional.empty();
        }
        if (quantity < 0) {
            errors.add("Line %d: the quantity cannot be negative (%d).".formatted(number, quantity));
            return Optional.empty();
        }
        if (quantity == 0) {
            return Optional.empty();
        }
        if (quantity > line.openQuantity()) {
            errors.add("Line %d has %d open %s; %d cannot be cancelled."
                    .formatted(number, line.openQuantity(), line.openQuantity() == 1 ? "unit" : "units", quantity));
            return Optional.empty();
        }
        return Optional.of(preview(line, quantity));
    }

    private static Integer parseInt(String key) {
        try {
            return Integer.valueOf(key);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static PreviewLine preview(OrderLine line, long quantity) {
        var amounts = Proration.prorate(line, quantity);
        return new PreviewLine(line, quantity, amounts, amounts.total());
    }
}
