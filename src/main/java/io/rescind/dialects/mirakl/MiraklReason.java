package io.rescind.dialects.mirakl;

import io.rescind.orders.CancelReason;
import java.util.Arrays;

/** Mirakl's cancel reasons and the canonical reason each stands for (docs/cancel-reasons.md). */
enum MiraklReason {
    CUSTOMER_CANCELATION(CancelReason.CUSTOMER_REQUEST),
    OUT_OF_STOCK(CancelReason.OUT_OF_STOCK),
    RETURN(CancelReason.RETURNED),
    ITEM_NOT_RECEIVED(CancelReason.ITEM_NOT_RECEIVED),
    AGREEMENT(CancelReason.AGREEMENT),
    DEFECT(CancelReason.DEFECTIVE),
    UNABLE_TO_DELIVER(CancelReason.UNABLE_TO_DELIVER);

    /** The values a request may carry, as a bean-validation pattern. */
    static final String PATTERN =
            "CUSTOMER_CANCELATION|OUT_OF_STOCK|RETURN|ITEM_NOT_RECEIVED|AGREEMENT|DEFECT|UNABLE_TO_DELIVER";

    /** What Mirakl shows for a canonical reason it has no name for. */
    static final String CHANNEL_SPECIFIC = "CHANNEL_SPECIFIC";

    private final CancelReason canonical;

    MiraklReason(CancelReason canonical) {
        this.canonical = canonical;
    }

    CancelReason canonical() {
        return canonical;
    }

    static String nameOf(CancelReason reason) {
        return Arrays.stream(values())
                .filter(r -> r.canonical == reason)
                .map(Enum::name)
                .findFirst()
                .orElse(CHANNEL_SPECIFIC);
    }
}
