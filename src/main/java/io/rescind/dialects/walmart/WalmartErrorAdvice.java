package io.rescind.dialects.walmart;

import io.rescind.RescindException;
import io.rescind.http.BodyTooLarge;
import io.rescind.http.DatabaseUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error of the Walmart endpoints in Walmart's gateway error shape, XML or JSON. */
@RestControllerAdvice(basePackageClasses = WalmartErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WalmartErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(WalmartErrorAdvice.class);

    private final Bodies bodies;

    WalmartErrorAdvice(Bodies bodies) {
        this.bodies = bodies;
    }

    @ExceptionHandler(WalmartFault.class)
    ResponseEntity<String> fault(WalmartFault fault, HttpServletRequest request) {
        return bodies.errors(request, fault.errors());
    }

    @ExceptionHandler(Tree.Malformed.class)
    ResponseEntity<String> malformed(Tree.Malformed e, HttpServletRequest request) {
        return answer(request, WalmartError.Code.MALFORMED_REQUEST_CONTENT, "body", e.getMessage());
    }

    @ExceptionHandler(RescindException.class)
    ResponseEntity<String> refused(RescindException e, HttpServletRequest request) {
        var field = e.details().get("field") instanceof String f ? f : null;
        if (e.details().get("line") != null) {
            field = "orderLine[lineNumber=%s]".formatted(e.details().get("line"));
        }
        var code = switch (e.kind()) {
            case NOT_FOUND -> WalmartError.Code.CONTENT_NOT_FOUND;
            case UNAUTHENTICATED -> WalmartError.Code.UNAUTHORIZED;
            case FORBIDDEN -> WalmartError.Code.FORBIDDEN;
            case INVALID, CONFLICT, UNPROCESSABLE -> WalmartError.Code.INVALID_REQUEST_CONTENT;
        };
        return answer(request, code, field, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (BodyTooLarge.isCauseOf(e)) {
            return answer(
                    request,
                    WalmartError.Code.REQUEST_TOO_LARGE,
                    "body",
                    e.getMostSpecificCause().getMessage());
        }
        return answer(request, WalmartError.Code.MALFORMED_REQUEST_CONTENT, "body", "The body could not be read");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<String> missingParam(MissingServletRequestParameterException e, HttpServletRequest request) {
        return answer(
                request,
                WalmartError.Code.MISSING_REQUEST_PARAM,
                e.getParameterName(),
                e.getParameterName() + " is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<String> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return answer(
                request,
                WalmartError.Code.MISSING_REQUEST_HEADER,
                e.getHeaderName(),
                e.getHeaderName() + " set blank or null");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return answer(
                request,
                WalmartError.Code.INVALID_REQUEST_PARAM,
                e.getName(),
                "'%s' is not a valid %s".formatted(e.getValue(), e.getName()));
    }

    @ExceptionHandler({HandlerMethodValidationException.class, MethodArgumentNotValidException.class})
    ResponseEntity<String> invalid(Exception e, HttpServletRequest request) {
        return answer(request, WalmartError.Code.INVALID_REQUEST_PARAM, null, "The request has invalid values");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return answer(
                request,
                WalmartError.Code.UNSUPPORTED_MEDIA_TYPE,
                null,
                "Content-Type " + e.getContentType() + " is not supported");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<String> accept(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return answer(
                request, WalmartError.Code.INVALID_ACCEPT_TYPE, null, "Accept application/xml or application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<String> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(request, WalmartError.Code.METHOD_NOT_ALLOWED, null, e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<String> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return answer(request, WalmartError.Code.URI_NOT_FOUND, null, "No resource " + request.getRequestURI());
    }

    /** Input that breaks a database rule: never a 500, never a partial write. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<String> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        log.warn("Walmart request refused by a database constraint", e);
        return answer(
                request,
                WalmartError.Code.INVALID_REQUEST_CONTENT,
                null,
                "The request breaks a rule of the data model");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            var answer = answer(request, WalmartError.Code.SERVICE_UNAVAILABLE, null, "Nothing was changed: try again");
            return DatabaseUnavailable.respond().headers(answer.getHeaders()).body(answer.getBody());
        }
        log.error("Unexpected failure on a Walmart endpoint", e);
        return answer(request, WalmartError.Code.SYSTEM_ERROR, null, "Something went wrong on our side");
    }

    private ResponseEntity<String> answer(
            HttpServletRequest request, WalmartError.Code code, String field, String description) {
        return bodies.errors(request, List.of(new WalmartError(code, service(request), field, description)));
    }

    private static String service(HttpServletRequest request) {
        var path = request.getRequestURI();
        if (path.startsWith("/v3/ca/inventory")) {
            return WalmartError.INVENTORY;
        }
        return path.startsWith("/v3/ca/orders") ? WalmartError.ORDERS : WalmartError.GATEWAY;
    }
}
