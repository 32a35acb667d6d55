package io.rescind.events;

import java.util.Locale;
import java.util.Optional;

/** Whose event names a webhook subscription receives. */
public enum Flavour {
    CANONICAL,
    TRADECLOUD;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Flavour> of(String key) {
        for (var flavour : values()) {
            if (flavour.key().equals(key)) {
                return Optional.of(flavour);
            }
        }
        return Optional.empty();
    }
}
