package io.rescind.dialects.tradecloud;

import io.rescind.RescindException;
import io.rescind.http.BodyTooLarge;
import io.rescind.http.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the Tradecloud dialect as {@code {"ok":false,"message":"..."}}. Tradecloud
 * documents no error body (only the plain-text 401), so the shape mirrors its {@code {"ok":true}}.
 */
@RestControllerAdvice(basePackageClasses = TradecloudErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TradecloudErrors {

    private static final Logger log = LoggerFactory.getLogger(TradecloudErrors.class);
    static final TradecloudError.Body UNAVAILABLE =
            new TradecloudError.Body("Temporarily unavailable, nothing was stored: send it again");

    @ExceptionHandler(TradecloudError.class)
    ResponseEntity<TradecloudError.Body> tradecloud(TradecloudError e) {
        return body(e.status(), e.getMessage());
    }

    /** Tradecloud documents 400, 401, 404 and 5xx only: the engine's refusals of content are 400. */
    @ExceptionHandler(RescindException.class)
    ResponseEntity<TradecloudError.Body> refused(RescindException e) {
        var status = switch (e.kind()) {
            case INVALID, UNPROCESSABLE -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        return body(status, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<TradecloudError.Body> unreadable(HttpMessageNotReadableException e) {
        if (BodyTooLarge.isCauseOf(e)) {
            return body(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large");
        }
        return body(HttpStatus.BAD_REQUEST, "The body is not valid JSON of the expected shape");
    }

    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentNotValidException.class,
        HandlerMethodValidationException.class
    })
    ResponseEntity<TradecloudError.Body> invalid(Exception e) {
        return body(HttpStatus.BAD_REQUEST, "Something required for the request is missing or invalid");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<TradecloudError.Body> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The Content-Type must be application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<TradecloudError.Body> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<TradecloudError.Body> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed for this path");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<TradecloudError.Body> noResource(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "Not found");
    }

    /**
     * The database cannot be reached: nothing of the message was stored, so the client must send
     * it again. Tradecloud clients retry 5xx with backoff; Retry-After says when.
     */
    ResponseEntity<TradecloudError.Body> unavailable(Exception e) {
        log.warn("Tradecloud message not stored, the database is unavailable: {}", e.getMessage());
        return DatabaseUnavailable.respond().body(UNAVAILABLE);
    }

    /** A fault of ours: logged in full, answered without internals. Tradecloud clients retry 5xx. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<TradecloudError.Body> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return unavailable(e);
        }
        log.error("Unexpected failure in the Tradecloud dialect", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side");
    }

    private static ResponseEntity<TradecloudError.Body> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new TradecloudError.Body(message));
    }
}
