package io.rescind.dialects.walmart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * One entry of Walmart's gateway error body. The codes, statuses, categories and severities are
 * those of Walmart's CA error table; {@code code} carries the service suffix Walmart uses.
 */
record WalmartError(Code code, String service, String field, String description) {

    /** The service suffixes of Walmart's codes. */
    static final String GATEWAY = "GMP_GATEWAY_API";

    static final String ORDERS = "GMP_ORDER_API";

    static final String INVENTORY = "GMP_INVENTORY_API";

    enum Code {
        INVALID_REQUEST_HEADER(HttpStatus.BAD_REQUEST, "DATA", "ERROR", "One or more request headers are invalid."),
        MISSING_REQUEST_HEADER(HttpStatus.BAD_REQUEST, "DATA", "ERROR", "A required request header is missing."),
        INVALID_REQUEST_PARAM(HttpStatus.BAD_REQUEST, "DATA", "ERROR", "One or more request parameters are invalid."),
        MISSING_REQUEST_PARAM(HttpStatus.BAD_REQUEST, "DATA", "ERROR", "A required request parameter is missing."),
        INVALID_REQUEST_CONTENT(HttpStatus.BAD_REQUEST, "DATA", "ERROR", "The request content is invalid."),
        MALFORMED_REQUEST_CONTENT(HttpStatus.BAD_REQUEST, "DATA", "ERROR", "The request content is malformed."),
        UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "DATA", "ERROR", "Unauthorized"),
        FORBIDDEN(HttpStatus.FORBIDDEN, "DATA", "ERROR", "Forbidden"),
        CONTENT_NOT_FOUND(HttpStatus.NOT_FOUND, "APPLICATION", "INFO", "Requested content could not be found."),
        URI_NOT_FOUND(HttpStatus.NOT_FOUND, "DATA", "ERROR", "The requested URI could not be found."),
        METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "DATA", "ERROR", "The method is not allowed on this URI."),
        INVALID_ACCEPT_TYPE(HttpStatus.NOT_ACCEPTABLE, "APPLICATION", "ERROR", "The Accept type is not supported."),
        REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "DATA", "ERROR", "The request content is too large."),
        UNSUPPORTED_MEDIA_TYPE(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "DATA", "ERROR", "The Content-Type is not supported."),
        REQUEST_THRESHOLD_VIOLATED(
                HttpStatus.TOO_MANY_REQUESTS, "REQUEST", "ERROR", "The request threshold has been violated."),
        SYSTEM_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "SYSTEM", "ERROR", "System error."),
        SERVICE_UNAVAILABLE(
                HttpStatus.SERVICE_UNAVAILABLE, "SYSTEM", "ERROR", "The service is temporarily unavailable.");

        final HttpStatus status;
        final String category;
        final String severity;
        final String info;

        Code(HttpStatus status, String category, String severity, String info) {
            this.status = status;
            this.category = category;
            this.severity = severity;
            this.info = info;
        }
    }

    /** The entry as the ordered tree both formats are written from. */
    Map<String, Object> tree() {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code.name() + "." + service);
        error.put("field", field);
        error.put("description", description);
        error.put("info", code.info);
        error.put("severity", code.severity);
        error.put("category", code.category);
        error.put("causes", "");
        error.put("errorIdentifiers", "");
        return error;
    }

    /** The whole body for a list of errors, which must share one status. */
    static Map<String, Object> body(List<WalmartError> errors) {
        return Map.of("error", errors.stream().map(WalmartError::tree).toList());
    }
}
