package io.rescind.dialects.mirakl;

import java.util.List;
import java.util.Map;

/**
 * Mirakl's {@code Error} body: an immutable {@code code}, a human {@code message} and, for bad
 * input, one item per offending field, named by its JSON path.
 */
record MiraklError(String code, String message, List<Item> errors, Map<String, Object> extensions) {

    record Item(String message, String field, Map<String, Object> extensions) {}

    static final String DATA_NOT_FOUND = "DATA_NOT_FOUND";
    static final String INVALID_INPUT = "INVALID_INPUT";
    static final String UNAUTHORIZED = "UNAUTHORIZED";
    static final String FORBIDDEN = "FORBIDDEN";
    static final String ORDER_IN_WRONG_STATE = "ORDER_IN_WRONG_STATE";
    static final String UNEXPECTED = "UNEXPECTED";
    static final String UNAVAILABLE = "UNAVAILABLE";
    static final String TOO_MANY_REQUEST = "TOO_MANY_REQUEST";

    static MiraklError of(String code, String message) {
        return new MiraklError(code, message, null, null);
    }

    static MiraklError invalid(List<Item> errors) {
        return new MiraklError(INVALID_INPUT, "The request has invalid or missing parameters", errors, null);
    }

    /** A request Mirakl's schema allows but that cannot be applied to this order as it is. */
    static final class Invalid extends RuntimeException {

        private final transient List<Item> errors;

        Invalid(List<Item> errors) {
            super("Invalid request", null, false, false);
            this.errors = List.copyOf(errors);
        }

        List<Item> errors() {
            return errors;
        }
    }
}
