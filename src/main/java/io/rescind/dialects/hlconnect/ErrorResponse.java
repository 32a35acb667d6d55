package io.rescind.dialects.hlconnect;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * HL Connect's error body. HL Connect documents {@code code} and {@code status} as numbers without
 * saying how they differ; Rescind puts the HTTP status in both and a stable word in {@code name}.
 */
record ErrorResponse(String name, String message, int code, int status) {

    static final String INVALID_ORDER_STATUS = "Invalid order status for cancellation";

    static ErrorResponse of(HttpStatusCode status, String name, String message) {
        return new ErrorResponse(name, message, status.value(), status.value());
    }

    static ResponseEntity<Object> answer(HttpStatusCode status, String name, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(of(status, name, message));
    }
}
