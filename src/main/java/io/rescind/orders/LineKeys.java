package io.rescind.orders;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Which lines of an order to load: by id, number or position, or all of them. */
public record LineKeys(Set<UUID> ids, Set<Integer> numbers, Set<String> positions) {

    public static final LineKeys ALL = new LineKeys(null, null, null);

    public boolean all() {
        return ids == null;
    }

    /** The lines a cancel names: all of them for a whole-order cancel. */
    public static LineKeys of(CancelLines.Scope scope) {
        return switch (scope) {
            case CancelLines.WholeOrder whole -> ALL;
            case CancelLines.Lines lines -> {
                var ids = new HashSet<UUID>();
                var numbers = new HashSet<Integer>();
                var positions = new HashSet<String>();
                for (var cancel : lines.lines()) {
                    switch (cancel.line()) {
                        case LineRef.ById byId -> ids.add(byId.id());
                        case LineRef.ByNumber byNumber -> numbers.add(byNumber.number());
                        case LineRef.ByPosition byPosition -> positions.add(byPosition.position());
                    }
                }
                yield new LineKeys(ids, numbers, positions);
            }
        };
    }
}
