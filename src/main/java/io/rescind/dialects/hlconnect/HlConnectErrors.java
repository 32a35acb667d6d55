package io.rescind.dialects.hlconnect;

import io.rescind.RescindException;
import io.rescind.http.DatabaseUnavailable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the HL Connect dialect in HL Connect's {@link ErrorResponse} shape: Rescind's
 * refusals, Spring MVC's own errors (missing or malformed parameters, wrong media types...) and
 * anything unexpected, which is a 500 without internals.
 */
@RestControllerAdvice(basePackageClasses = HlConnectErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HlConnectErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HlConnectErrors.class);

    @ExceptionHandler(RescindException.class)
    ResponseEntity<Object> refused(RescindException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> ErrorResponse.answer(HttpStatus.NOT_FOUND, "NotFound", e.getMessage());
            case UNAUTHENTICATED -> ErrorResponse.answer(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage());
            case FORBIDDEN -> ErrorResponse.answer(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
            case CONFLICT ->
                ErrorResponse.answer(
                        HttpStatus.BAD_REQUEST,
                        "InvalidOrderStatus",
                        ErrorResponse.INVALID_ORDER_STATUS + ": " + e.getMessage());
            // An order without the named line is, for HL Connect, no such order and line item.
            case INVALID, UNPROCESSABLE ->
                "unknown-line".equals(e.code())
                        ? ErrorResponse.answer(HttpStatus.NOT_FOUND, "NotFound", e.getMessage())
                        : ErrorResponse.answer(HttpStatus.BAD_REQUEST, "ValidationError", e.getMessage());
        };
    }

    /** A fault of ours: logged in full, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (DatabaseUnavailable.isCauseOf(e)) {
            return DatabaseUnavailable.respond()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorResponse.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "ServiceUnavailable",
                            "Temporarily unavailable, nothing was changed"));
        }
        log.error("Unexpected failure in the hlconnect dialect", e);
        return ErrorResponse.answer(
                HttpStatus.INTERNAL_SERVER_ERROR, "InternalServerError", "Something went wrong processing the request");
    }

    /** Spring MVC's own errors keep their status and get HL Connect's shape and a clear message. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        var answer = ErrorResponse.answer(status, nameOf(e, status), messageOf(e, body));
        var merged = new HttpHeaders();
        merged.addAll(headers);
        merged.addAll(answer.getHeaders());
        return new ResponseEntity<>(answer.getBody(), merged, status);
    }

    private static String nameOf(Exception e, HttpStatusCode status) {
        if (e instanceof MissingServletRequestParameterException
                || e instanceof TypeMismatchException
                || e instanceof HandlerMethodValidationException) {
            return "ValidationError";
        }
        var known = HttpStatus.resolve(status.value());
        if (known == null) {
            return "Error";
        }
        var words = known.name().toLowerCase().split("_");
        var name = new StringBuilder();
        for (var word : words) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    private static String messageOf(Exception e, Object body) {
        return switch (e) {
            case MissingServletRequestParameterException missing ->
                "Query parameter '%s' is required".formatted(missing.getParameterName());
            case MethodArgumentTypeMismatchException mismatch ->
                "'%s' is not a valid value for %s: an integer of at least 1 is expected"
                        .formatted(mismatch.getValue(), mismatch.getName());
            case HandlerMethodValidationException invalid ->
                invalid.getParameterValidationResults().stream()
                        .flatMap(result -> result.getResolvableErrors().stream()
                                .map(error -> "%s %s"
                                        .formatted(
                                                parameterName(result.getMethodParameter()), error.getDefaultMessage())))
                        .collect(Collectors.joining("; "));
            default ->
                body instanceof ProblemDetail problem && problem.getDetail() != null
                        ? problem.getDetail()
                        : String.valueOf(e.getMessage());
        };
    }

    /** The query parameter's name on the wire (order_id), not the Java one (orderId). */
    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        var param = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (param != null && !param.value().isEmpty()) {
            return param.value();
        }
        return String.valueOf(parameter.getParameterName());
    }
}
