package io.rescind.dialects.crux;

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

/** Every error of the Crux dialect as {@code {"detail": "..."}} with Crux's documented status codes. */
@RestControllerAdvice(basePackageClasses = CruxErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CruxErrors {

    private static final Logger log = LoggerFactory.getLogger(CruxErrors.class);

    @ExceptionHandler(CruxError.class)
    ResponseEntity<CruxError.Body> crux(CruxError e) {
        return body(e.status(), e.getMessage());
    }

    /**
     * The engine's refusals. Crux's 409 means a requester of the wrong type, so the engine's
     * conflicts (already decided, nothing open...) are 422: "the action can't be performed on the
     * identifier provided".
     */
    @ExceptionHandler(RescindException.class)
    ResponseEntity<CruxError.Body> refused(RescindException e) {
        var status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT, UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return body(status, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<CruxError.Body> unreadable(HttpMessageNotReadableException e) {
        if (BodyTooLarge.isCauseOf(e)) {
            return body(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.");
        }
        return body(HttpStatus.BAD_REQUEST, "The body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        MethodArgumentNotValidException.class,
        HandlerMethodValidationException.class
    })
    ResponseEntity<CruxError.Body> invalid(Exception e) {
        return body(HttpStatus.BAD_REQUEST, "Something required for the request is missing or invalid.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<CruxError.Body> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The Content-Type header must be application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<CruxError.Body> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<CruxError.Body> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "The HTTP verb is not correct for this URL.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<CruxError.Body> noResource(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "Not found.");
    }

    /** A fault of ours: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<CruxError.Body> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return DatabaseUnavailable.respond()
                    .body(new CruxError.Body("Temporarily unavailable, nothing was changed: try again."));
        }
        log.error("Unexpected failure in the Crux dialect", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
    }

    private static ResponseEntity<CruxError.Body> body(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(new CruxError.Body(detail));
    }
}
