package io.rescind.dialects.walmart;

import java.util.List;

/** A request this dialect refuses, with the Walmart errors to answer. */
final class WalmartFault extends RuntimeException {

    private final transient List<WalmartError> errors;

    WalmartFault(List<WalmartError> errors) {
        super(errors.getFirst().description(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    WalmartFault(WalmartError.Code code, String service, String field, String description) {
        this(List.of(new WalmartError(code, service, field, description)));
    }

    List<WalmartError> errors() {
        return errors;
    }

    static WalmartFault content(String field, String description) {
        return new WalmartFault(WalmartError.Code.INVALID_REQUEST_CONTENT, WalmartError.ORDERS, field, description);
    }
}
