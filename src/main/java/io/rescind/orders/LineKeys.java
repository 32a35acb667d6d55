package io.rescind.orders;

import java.util.Set;
import java.util.UUID;

/** Which lines of an order to load: by id, number or position, or all of them. */
public record LineKeys(Set<UUID> ids, Set<Integer> numbers, Set<String> positions) {

    public static final LineKeys ALL = new LineKeys(null, null, null);

    public boolean all() {
        return ids == null;
    }
}
