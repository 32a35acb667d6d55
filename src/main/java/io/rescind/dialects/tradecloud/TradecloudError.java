package io.rescind.dialects.tradecloud;

import org.springframework.http.HttpStatus;

/** A refusal of the dialect itself, answered as {@code {"ok":false,"message":"..."}} with this status. */
class TradecloudError extends RuntimeException {

    /** The body of every error but 401 (which Tradecloud answers in plain text). */
    record Body(boolean ok, String message) {
        Body(String message) {
            this(false, message);
        }
    }

    private final HttpStatus status;

    TradecloudError(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static TradecloudError badRequest(String message) {
        return new TradecloudError(HttpStatus.BAD_REQUEST, message);
    }

    static TradecloudError notFound(String message) {
        return new TradecloudError(HttpStatus.NOT_FOUND, message);
    }
}
