package io.rescind.dialects.mirakl;

import io.rescind.RescindException;
import io.rescind.http.BodyTooLarge;
import io.rescind.http.DatabaseUnavailable;
import io.rescind.http.ProblemHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
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
import tools.jackson.core.JacksonException;

/**
 * Every error of the Mirakl endpoints in Mirakl's {@code Error} shape: Spring MVC's own failures
 * (bad JSON, wrong types, missing parameters, wrong method or media type ...), bad fields named by
 * JSON path, and the engine's refusals by their stable code.
 */
@RestControllerAdvice(basePackageClasses = MiraklErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MiraklErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MiraklErrors.class);

    @ExceptionHandler(RescindException.class)
    ResponseEntity<Object> refused(RescindException e) {
        var status = ProblemHandler.statusOf(e.kind());
        var code =
                e.kind() == RescindException.Kind.NOT_FOUND ? MiraklError.DATA_NOT_FOUND : ActionViews.codeOf(e.code());
        return respond(status, MiraklError.of(code, e.getMessage()));
    }

    @ExceptionHandler(MiraklError.Invalid.class)
    ResponseEntity<Object> invalid(MiraklError.Invalid e) {
        return respond(HttpStatus.BAD_REQUEST, MiraklError.invalid(e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(
                HttpStatus.BAD_REQUEST,
                MiraklError.invalid(List.of(
                        new MiraklError.Item("'%s' is not a valid value".formatted(e.getValue()), e.getName(), null))));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
        log.warn("Mirakl request refused by a database constraint", e);
        return respond(
                HttpStatus.BAD_REQUEST,
                MiraklError.of(MiraklError.INVALID_INPUT, "The request breaks a rule of the data model"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return DatabaseUnavailable.respond()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(MiraklError.of(
                            MiraklError.UNAVAILABLE, "Temporarily unavailable, nothing was changed: try again"));
        }
        log.error("Unexpected failure on a Mirakl endpoint", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                MiraklError.of(MiraklError.UNEXPECTED, "An error occurred while processing your request"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var items = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new MiraklError.Item(
                        String.valueOf(error.getDefaultMessage()), jsonPath(error.getField()), null))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, MiraklError.invalid(items));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var items = e.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors bean
                        ? bean.getFieldErrors().stream()
                                .map(error -> new MiraklError.Item(
                                        String.valueOf(error.getDefaultMessage()), jsonPath(error.getField()), null))
                        : result.getResolvableErrors().stream()
                                .map(error -> new MiraklError.Item(
                                        String.valueOf(error.getDefaultMessage()),
                                        parameterName(result.getMethodParameter()),
                                        null)))
                .toList();
        return respond(HttpStatus.BAD_REQUEST, MiraklError.invalid(items));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodyTooLarge.isCauseOf(e)) {
            return respond(
                    HttpStatus.CONTENT_TOO_LARGE,
                    MiraklError.of(
                            MiraklError.INVALID_INPUT, e.getMostSpecificCause().getMessage()));
        }
        String field = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                field = path(jackson.getPath());
                break;
            }
        }
        var message = field == null ? "The body is not valid JSON" : "The value has the wrong type or format";
        return respond(
                HttpStatus.BAD_REQUEST,
                MiraklError.invalid(List.of(new MiraklError.Item(message, field == null ? "$" : field, null))));
    }

    /** Every other Spring MVC failure (405, 406, 415, missing parameters ...) keeps its status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var code = switch (status.value()) {
            case 404 -> MiraklError.DATA_NOT_FOUND;
            case 429 -> "TOO_MANY_REQUEST";
            default -> status.is5xxServerError() ? MiraklError.UNEXPECTED : MiraklError.INVALID_INPUT;
        };
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(MiraklError.of(code, e.getMessage()));
    }

    private static ResponseEntity<Object> respond(HttpStatusCode status, MiraklError error) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(error);
    }

    /** {@code cancelations[0].shippingPrice.amount} → {@code $.cancelations[0].shipping_price.amount}. */
    static String jsonPath(String javaPath) {
        return "$." + javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String path(List<JacksonException.Reference> references) {
        var path = new StringBuilder("$");
        for (var reference : references) {
            if (reference.getPropertyName() != null) {
                path.append('.').append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The name the client used: the query parameter's, not the Java parameter's. */
    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        var query = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (query != null && !query.name().isEmpty()) {
            return query.name();
        }
        var name = parameter.getParameterName();
        return name == null ? "$" : name;
    }
}
