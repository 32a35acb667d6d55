package io.rescind.dialects.walmart;

import io.rescind.orders.CancelReason;
import java.util.Arrays;
import java.util.Optional;

/**
 * Walmart's cancellation reasons: the two the CA spec calls supported, the supplier reasons of
 * its enum, and the US seller reasons, each mapped onto a canonical reason.
 */
enum WalmartReason {
    CANCEL_BY_SELLER(CancelReason.SELLER_CANCELLED),
    CUSTOMER_REQUESTED_SELLER_TO_CANCEL(CancelReason.CUSTOMER_REQUEST),
    SUPPLIER_CANCEL(CancelReason.SELLER_CANCELLED),
    SUPPLIER_CANCEL_CUSTOMER_REQUEST(CancelReason.CUSTOMER_REQUEST),
    SUPPLIER_CANCEL_BACKORDER(CancelReason.BACKORDERED),
    SUPPLIER_CANCEL_DISCONTINUE(CancelReason.DISCONTINUED),
    SUPPLIER_CANCEL_UNRECOGNIZED(CancelReason.UNRECOGNIZED_ITEM),
    SELLER_CANCEL_PRICING_ERROR(CancelReason.PRICING_ERROR),
    SELLER_CANCEL_OUT_OF_STOCK(CancelReason.OUT_OF_STOCK),
    SELLER_CANCEL_FRAUD_STOP_SHIPMENT(CancelReason.FRAUD_SUSPECTED),
    SELLER_CANCEL_ADDRESS_NOT_SERVICEABLE(CancelReason.ADDRESS_NOT_SERVICEABLE);

    final CancelReason canonical;

    WalmartReason(CancelReason canonical) {
        this.canonical = canonical;
    }

    /** Case-insensitive, as Walmart's own examples are not consistent in case. */
    static Optional<WalmartReason> parse(String text) {
        return Arrays.stream(values())
                .filter(reason -> reason.name().equalsIgnoreCase(text))
                .findFirst();
    }

    /**
     * The reason to show for a cancellation: the Walmart reason it was made with (kept as its
     * note), else the first Walmart reason of its canonical reason; a buyer's cancel made
     * elsewhere shows as the customer's request, anything else as {@code CANCEL_BY_SELLER}.
     */
    static WalmartReason shown(CancelReason canonical, String note) {
        if (note != null) {
            var exact = parse(note);
            if (exact.isPresent() && exact.get().canonical == canonical) {
                return exact.get();
            }
        }
        return Arrays.stream(values())
                .filter(reason -> reason.canonical == canonical)
                .findFirst()
                .orElse(
                        canonical == CancelReason.BUYER_CANCELLED
                                ? CUSTOMER_REQUESTED_SELLER_TO_CANCEL
                                : CANCEL_BY_SELLER);
    }
}
