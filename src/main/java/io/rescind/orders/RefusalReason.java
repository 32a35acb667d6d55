package io.rescind.orders;

/** Why the policy refuses to cancel a line. The slug is the stable Problem Details type. */
public enum RefusalReason {
    LINE_ALREADY_CANCELLED("line-already-cancelled"),
    LINE_COMPLETED("line-completed"),
    LINE_SHIPPED("line-shipped"),
    CANCEL_PENDING("cancel-pending"),
    NOT_ALLOWED_FOR_ROLE("not-allowed-for-role"),
    QUANTITY_EXCEEDS_OPEN("quantity-exceeds-open"),
    AMOUNT_EXCEEDS_REMAINING("amount-exceeds-remaining"),
    UNKNOWN_TAX_CODE("unknown-tax-code"),
    NOTHING_TO_CANCEL("nothing-to-cancel"),
    /** Only on a replay: the request this key made was rejected by the other party. */
    REQUEST_REJECTED("request-rejected"),
    /** Only on a replay: the request this key made expired without cancelling. */
    REQUEST_EXPIRED("request-expired");

    private final String slug;

    RefusalReason(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
