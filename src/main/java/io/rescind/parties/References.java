package io.rescind.parties;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The identifiers other systems use for an order, a line or a party, one per channel: a platform
 * Rescind speaks ({@code hlconnect}, {@code walmart}, {@code crux}, {@code mirakl}, {@code
 * tradecloud}) or any name the tenant chooses for its own systems ({@code erp}).
 */
public record References(Map<String, String> byChannel) {

    public static final References NONE = new References(Map.of());

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S} ]{1,200}");
    private static final int MOST = 10;

    public References {
        byChannel = byChannel == null ? Map.of() : Map.copyOf(new TreeMap<>(byChannel));
    }

    /** References as a client sent them, checked: known shape of channel names, printable identifiers. */
    public static References of(Map<String, String> byChannel, String field) {
        if (byChannel == null || byChannel.isEmpty()) {
            return NONE;
        }
        if (byChannel.size() > MOST) {
            throw invalid(field, "at most %d references".formatted(MOST));
        }
        for (var entry : byChannel.entrySet()) {
            if (entry.getKey() == null || !CHANNEL.matcher(entry.getKey()).matches()) {
                throw invalid(
                        field,
                        "channel '%s' must be lower-case letters, digits, '-' or '_' (at most 32)"
                                .formatted(entry.getKey()));
            }
            var id = entry.getValue();
            if (id == null || !IDENTIFIER.matcher(id).matches() || !id.strip().equals(id)) {
                throw invalid(
                        field + "." + entry.getKey(),
                        "must be 1 to 200 printable characters without leading or trailing spaces");
            }
        }
        return new References(byChannel);
    }

    public Optional<String> in(String channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    public boolean isEmpty() {
        return byChannel.isEmpty();
    }

    private static RescindException invalid(String field, String detail) {
        return new RescindException(Kind.INVALID, "invalid-reference", field + ": " + detail, Map.of("field", field));
    }
}
