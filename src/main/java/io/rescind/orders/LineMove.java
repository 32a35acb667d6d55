package io.rescind.orders;

/** What a seller does to a line, besides cancelling it. */
public sealed interface LineMove {

    record Confirm() implements LineMove {}

    record Reject() implements LineMove {}

    record Ship(long quantity) implements LineMove {}

    record Complete() implements LineMove {}
}
