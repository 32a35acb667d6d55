package io.rescind.orders;

import java.util.List;

/** The order after an amendment, with what became of each line that was named and differed. */
public record Amended(PurchaseOrder order, List<LineAmendment> lines) {

    public Amended {
        lines = List.copyOf(lines);
    }
}
