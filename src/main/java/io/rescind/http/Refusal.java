package io.rescind.http;

import io.rescind.RescindException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Why a request is answered with an error, said once for every API: each API (the canonical one,
 * each dialect) only chooses its status and body shape for each {@link Reason}.
 *
 * @param status the status the canonical API gives; a dialect may answer another
 * @param field what was wrong, named as the client wrote it (a JSON path such as {@code
 *     lines[0].quantity}, a query parameter, a header), or null
 * @param message a sentence for people, without internals
 * @param errors every offending field when bean validation found several
 * @param headers to send whatever the shape ({@code Allow}, {@code Retry-After} ...)
 * @param refused the engine's refusal, for {@link Reason#REFUSED}
 */
public record Refusal(
        Reason reason,
        HttpStatus status,
        String field,
        String message,
        List<FieldError> errors,
        HttpHeaders headers,
        RescindException refused) {

    /** What went wrong, from the request's side. */
    public enum Reason {
        /** The body cannot be read as the operation's input (syntax, type, fraction, NUL, duplicate key ...). */
        MALFORMED_BODY,
        /** Fields that break the operation's validation rules; see {@link Refusal#errors()}. */
        INVALID_FIELDS,
        /** A query, path or form parameter that has the wrong type or cannot be decoded. */
        INVALID_PARAMETER,
        MISSING_PARAMETER,
        MISSING_HEADER,
        UNSUPPORTED_MEDIA_TYPE,
        NOT_ACCEPTABLE,
        METHOD_NOT_ALLOWED,
        NO_SUCH_PATH,
        BODY_TOO_LARGE,
        /** No credentials were sent. */
        UNAUTHENTICATED,
        /** Credentials were sent and are wrong. */
        BAD_CREDENTIALS,
        FORBIDDEN,
        TOO_MANY_REQUESTS,
        /** The input passed every check of ours and broke a rule of the database. */
        CONSTRAINT,
        /** The engine (or a module) refused; see {@link Refusal#refused()}. */
        REFUSED,
        /** The database cannot be reached: nothing was stored, try again later. */
        UNAVAILABLE,
        /** A fault of ours. */
        INTERNAL
    }

    /**
     * One offending field and why.
     *
     * @param parameter whether {@code field} names a query parameter or header rather than a
     *     property of the body
     */
    public record FieldError(String field, String message, boolean parameter) {}

    public Refusal {
        errors = errors == null ? List.of() : List.copyOf(errors);
        headers = headers == null ? new HttpHeaders() : headers;
    }

    public static Refusal of(Reason reason, HttpStatus status, String field, String message) {
        return new Refusal(reason, status, field, message, List.of(), new HttpHeaders(), null);
    }

    /** Too many requests: try again after {@code seconds}. */
    public static Refusal tooManyRequests(long seconds, String message) {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return new Refusal(
                Reason.TOO_MANY_REQUESTS, HttpStatus.TOO_MANY_REQUESTS, null, message, List.of(), headers, null);
    }

    /** The message without the field's name in front, for shapes that name the field apart. */
    public String why() {
        return field != null && message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
    }

    /** The engine's stable code, or null when this is not an engine refusal. */
    public String code() {
        return refused == null ? null : refused.code();
    }

    /** Whether a client may send the same request again later and expect another answer. */
    public boolean isTransient() {
        return reason == Reason.UNAVAILABLE || reason == Reason.TOO_MANY_REQUESTS;
    }
}
