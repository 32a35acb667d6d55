package io.rescind.http;

import io.rescind.RescindException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the canonical API as RFC 9457 Problem Details with a stable {@code type}
 * ({@code /problems/<code>}). Dialects answer in their vendors' shapes with advice of their own,
 * ordered before this one.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The HTTP status each kind of refusal answers with; dialects may use it too. */
    public static HttpStatus statusOf(RescindException.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + code));
        return problem;
    }

    @ExceptionHandler(RescindException.class)
    ResponseEntity<ProblemDetail> refused(RescindException e) {
        var status = statusOf(e.kind());
        var problem = problem(status, e.code(), e.getMessage());
        e.details().forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "'%s' is not a valid value for %s".formatted(e.getValue(), e.getName()));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Input that passed validation but breaks a database rule: never a 500, never a partial write. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.warn("Request refused by a database constraint", e);
        var problem = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "constraint-violation",
                "The request breaks a rule of the data model");
        return ResponseEntity.unprocessableContent().body(problem);
    }

    /**
     * Whatever else: first the one translation every API shares ({@link Refusals#of}), so that bad
     * input is a 4xx here as in every dialect; then the database being unreachable (503 with {@code
     * Retry-After}, nothing was stored); then a fault of ours, logged in full, answered without internals.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        var refusal = Refusals.of(e, request);
        switch (refusal.reason()) {
            case INTERNAL -> log.error("Unexpected failure", e);
            case UNAVAILABLE -> log.warn("Answered 503, the database is unavailable: {}", e.getMessage());
            default -> {}
        }
        return ResponseEntity.status(refusal.status())
                .headers(refusal.headers())
                .body(problem(refusal));
    }

    /** A refusal as Problem Details: {@code /problems/<reason>}, the field named when known. */
    public static ProblemDetail problem(Refusal refusal) {
        var code = switch (refusal.reason()) {
            case REFUSED -> refusal.code();
            case MALFORMED_BODY -> "malformed-request";
            case INVALID_FIELDS, INVALID_PARAMETER, MISSING_PARAMETER, MISSING_HEADER -> "invalid-request";
            case BODY_TOO_LARGE -> "body-too-large";
            case CONSTRAINT -> "constraint-violation";
            case UNAVAILABLE -> "service-unavailable";
            case INTERNAL -> "internal-error";
            default ->
                refusal.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
        var detail =
                refusal.reason() == Refusal.Reason.INTERNAL ? "Something went wrong on our side" : refusal.message();
        var problem = problem(refusal.status(), code, detail);
        if (refusal.field() != null) {
            problem.setProperty("field", refusal.field());
        }
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var refusal = Refusals.body(e);
        return ResponseEntity.status(refusal.status()).body(problem(refusal));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        var globals = e.getBindingResult().getGlobalErrors().stream()
                .map(error ->
                        Map.of("field", error.getObjectName(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        return invalid(errors.isEmpty() ? globals : errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors bean
                        ? bean.getFieldErrors().stream()
                                .map(error -> Map.of(
                                        "field",
                                        error.getField(),
                                        "message",
                                        String.valueOf(error.getDefaultMessage())))
                        : result.getResolvableErrors().stream()
                                .map(error -> Map.of(
                                        "field",
                                        String.valueOf(
                                                result.getMethodParameter().getParameterName()),
                                        "message",
                                        String.valueOf(error.getDefaultMessage()))))
                .toList();
        return invalid(errors);
    }

    private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
        var problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Gives Spring's own MVC errors (405, 406, 415, missing headers...) a stable type too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null
                && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
            var reason = HttpStatus.resolve(status.value());
            var slug = reason == null ? "error" : reason.name().toLowerCase().replace('_', '-');
            problem.setType(URI.create("/problems/" + slug));
        }
        return response;
    }
}
