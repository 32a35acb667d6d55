package io.rescind.cancellation;

import java.util.UUID;

/** How a request names a line: platforms address lines by id, by number or by position. */
public sealed interface LineRef {

    record ById(UUID id) implements LineRef {}

    record ByNumber(int number) implements LineRef {}

    record ByPosition(String position) implements LineRef {}
}
