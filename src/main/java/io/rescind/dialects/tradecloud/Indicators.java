package io.rescind.dialects.tradecloud;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tradecloud's indicator flags and its rules for which lines a message cancels. A flag left out
 * (null) says nothing; a line's own flag takes precedence over the order's; {@code completed}
 * takes precedence over {@code cancelled}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Indicators(
        Boolean shipped,
        Boolean delivered,
        Boolean completed,
        Boolean cancelled,
        Boolean cancelLineWhenMissing,
        Boolean accepted,
        Boolean rejected) {

    static final Indicators NONE = new Indicators(null, null, null, null, null, null, null);

    static Indicators orNone(Indicators indicators) {
        return indicators == null ? NONE : indicators;
    }

    /** Whether a line is cancelled, given its own flags (or none) and the order's. */
    static boolean cancels(Indicators order, Indicators line) {
        boolean cancelled = flag(order, line, Indicators::cancelled);
        boolean completed = flag(order, line, Indicators::completed);
        return cancelled && !completed;
    }

    /** A line's own flag when it sets one, else the order's, else false. */
    static boolean flag(Indicators order, Indicators line, Function<Indicators, Boolean> which) {
        var own = which.apply(orNone(line));
        if (own != null) {
            return own;
        }
        return Boolean.TRUE.equals(which.apply(orNone(order)));
    }

    /**
     * {@code /order/indicators}: the order's flags apply to ALL lines of the order, each line's own
     * flags take precedence. Returns the positions to cancel, in the order's line order.
     */
    static List<String> cancelledByIndicators(List<String> existing, Indicators order, Map<String, Indicators> lines) {
        var cancel = new ArrayList<String>();
        for (var position : existing) {
            if (cancels(order, lines.get(position))) {
                cancel.add(position);
            }
        }
        return cancel;
    }

    /**
     * {@code /order} (issue or resend): the order's {@code cancelled} applies only to the lines in
     * the message; with {@code cancelLineWhenMissing} the existing lines left out are cancelled
     * too, so a message without lines cancels the whole order.
     */
    static List<String> cancelledByOrder(List<String> existing, Indicators order, Map<String, Indicators> lines) {
        boolean whenMissing = Boolean.TRUE.equals(orNone(order).cancelLineWhenMissing());
        var cancel = new ArrayList<String>();
        for (var position : existing) {
            boolean inMessage = lines.containsKey(position);
            if (inMessage ? cancels(order, lines.get(position)) : whenMissing) {
                cancel.add(position);
            }
        }
        return cancel;
    }

    /**
     * {@code /order/indicators}: like {@code cancelled}, an order-level {@code completed} completes
     * ALL lines of the order and a line's own flag takes precedence.
     */
    static List<String> completedByIndicators(List<String> existing, Indicators order, Map<String, Indicators> lines) {
        return existing.stream()
                .filter(position -> flag(order, lines.get(position), Indicators::completed))
                .toList();
    }

    /**
     * {@code /order}: an order-level {@code completed} completes only the lines in this message, a
     * line's own flag taking precedence.
     */
    static List<String> completedByOrder(Indicators order, Map<String, Indicators> lines) {
        return lines.entrySet().stream()
                .filter(line -> flag(order, line.getValue(), Indicators::completed))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Positions to flags, keeping the message's order; a position twice is a bad request. */
    static <T> Map<String, Indicators> byPosition(
            List<T> lines, Function<T, String> position, Function<T, Indicators> indicators) {
        var map = new LinkedHashMap<String, Indicators>();
        for (var line : lines) {
            var key = position.apply(line);
            if (key == null || key.isBlank()) {
                throw TradecloudError.badRequest("Every line needs a position");
            }
            if (map.containsKey(key)) {
                throw TradecloudError.badRequest("Position '%s' appears twice".formatted(key));
            }
            map.put(key, orNone(indicators.apply(line)));
        }
        return map;
    }
}
