package io.rescind.orders;

import java.util.UUID;

/** How a request names a line: platforms address lines by id, by number or by position. */
public sealed interface LineRef {

    record ById(UUID id) implements LineRef {}

    record ByNumber(int number) implements LineRef {}

    record ByPosition(String position) implements LineRef {}

    default boolean matches(OrderLine line) {
        return switch (this) {
            case ById byId -> line.id().equals(byId.id());
            case ByNumber byNumber -> line.number() == byNumber.number();
            case ByPosition byPosition -> line.position().equals(byPosition.position());
        };
    }

    /** The reference as a client would recognise it in an error message. */
    default String describe() {
        return switch (this) {
            case ById byId -> byId.id().toString();
            case ByNumber byNumber -> String.valueOf(byNumber.number());
            case ByPosition byPosition -> "'" + byPosition.position() + "'";
        };
    }
}
