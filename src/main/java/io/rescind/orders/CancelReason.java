package io.rescind.orders;

/**
 * Why a line is cancelled: one list that every dialect's reasons map onto (see
 * docs/cancel-reasons.md for the mapping per platform).
 */
public enum CancelReason {
    /** The end customer asked for it. */
    CUSTOMER_REQUEST,
    /** The buyer decided, for no reason it gives. */
    BUYER_CANCELLED,
    /** The seller decided, for no reason it gives. */
    SELLER_CANCELLED,
    OUT_OF_STOCK,
    BACKORDERED,
    DISCONTINUED,
    UNRECOGNIZED_ITEM,
    PRICING_ERROR,
    FRAUD_SUSPECTED,
    ADDRESS_NOT_SERVICEABLE,
    UNABLE_TO_DELIVER,
    ITEM_NOT_RECEIVED,
    RETURNED,
    DEFECTIVE,
    /** Buyer and seller agreed on it. */
    AGREEMENT,
    OTHER
}
