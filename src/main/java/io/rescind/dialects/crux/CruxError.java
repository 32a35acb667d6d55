package io.rescind.dialects.crux;

import org.springframework.http.HttpStatus;

/**
 * A refusal in Crux's terms. Crux documents status codes but no error body; every error of this
 * dialect is {@code {"detail": "..."}} (docs/dialects/crux.md).
 */
class CruxError extends RuntimeException {

    /** The one error body of the dialect. */
    record Body(String detail) {}

    private final HttpStatus status;

    CruxError(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static CruxError notFound(String detail) {
        return new CruxError(HttpStatus.NOT_FOUND, detail);
    }

    static CruxError unprocessable(String detail) {
        return new CruxError(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    /** Crux's 409: "the requester is not of the correct type". */
    static CruxError wrongRequester(String detail) {
        return new CruxError(HttpStatus.CONFLICT, detail);
    }
}
