package io.rescind.http;

import io.rescind.RescindException;
import io.rescind.http.Refusal.FieldError;
import io.rescind.http.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * The one translation of a failure into a {@link Refusal}: every API's error handler starts here
 * and only decides the shape, so that no input reaches a 500 in one API that another refuses.
 */
public final class Refusals {

    private Refusals() {}

    public static Refusal of(Throwable failure, HttpServletRequest request) {
        if (failure instanceof RescindException refused) {
            var field = refused.details().get("field") instanceof String f ? f : null;
            return new Refusal(
                    Reason.REFUSED,
                    ProblemHandler.statusOf(refused.kind()),
                    field,
                    refused.getMessage(),
                    List.of(),
                    null,
                    refused);
        }
        if (BodyTooLarge.isCauseOf(failure)) {
            return Refusal.of(Reason.BODY_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, null, messageOf(failure));
        }
        if (DatabaseUnavailable.isCauseOf(failure)) {
            return unavailable();
        }
        return switch (failure) {
            case HttpMessageNotReadableException unreadable -> body(unreadable);
            case MultipartException multipart ->
                Refusal.of(
                        Reason.MALFORMED_BODY,
                        HttpStatus.BAD_REQUEST,
                        null,
                        "The multipart body cannot be read (a boundary is required)");
            case MethodArgumentNotValidException invalid -> fields(invalid);
            case HandlerMethodValidationException invalid -> parameters(invalid);
            case MethodArgumentTypeMismatchException mismatch ->
                Refusal.of(
                        Reason.INVALID_PARAMETER,
                        HttpStatus.BAD_REQUEST,
                        mismatch.getName(),
                        "'%s' is not a valid value for %s"
                                .formatted(printable(mismatch.getValue()), mismatch.getName()));
            case MissingServletRequestParameterException missing ->
                Refusal.of(
                        Reason.MISSING_PARAMETER,
                        HttpStatus.BAD_REQUEST,
                        missing.getParameterName(),
                        "Query parameter '%s' is required".formatted(missing.getParameterName()));
            case MissingRequestHeaderException missing ->
                Refusal.of(
                        Reason.MISSING_HEADER,
                        HttpStatus.BAD_REQUEST,
                        missing.getHeaderName(),
                        "Header '%s' is required".formatted(missing.getHeaderName()));
            case HttpMediaTypeNotSupportedException unsupported ->
                withHeaders(
                        Refusal.of(
                                Reason.UNSUPPORTED_MEDIA_TYPE,
                                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                                null,
                                "Content-Type '%s' is not supported".formatted(unsupported.getContentType())),
                        unsupported.getHeaders());
            case HttpMediaTypeNotAcceptableException notAcceptable ->
                Refusal.of(
                        Reason.NOT_ACCEPTABLE, HttpStatus.NOT_ACCEPTABLE, null, "No answer in a media type accepted");
            case HttpRequestMethodNotSupportedException method ->
                withHeaders(
                        Refusal.of(
                                Reason.METHOD_NOT_ALLOWED,
                                HttpStatus.METHOD_NOT_ALLOWED,
                                null,
                                "Method '%s' is not supported here".formatted(method.getMethod())),
                        method.getHeaders());
            case NoResourceFoundException notFound -> noSuchPath(request);
            case NoHandlerFoundException notFound -> noSuchPath(request);
            // Tomcat parses parameters lazily: a percent-escape that is not UTF-8 fails on first use.
            case InvalidParameterException undecodable -> undecodable();
            // The firewall checks parameter names lazily too (a NUL or a control character in one).
            case RequestRejectedException rejected -> undecodable();
            case DataIntegrityViolationException integrity ->
                Refusal.of(
                        Reason.CONSTRAINT,
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        null,
                        "The request breaks a rule of the data model");
            case ErrorResponse spring -> byStatus(spring, request);
            default -> {
                if (hasUnusableContentType(request)
                        && (failure instanceof IllegalArgumentException
                                || failure instanceof InvalidMediaTypeException)) {
                    yield Refusal.of(
                            Reason.UNSUPPORTED_MEDIA_TYPE,
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            null,
                            "Content-Type '%s' is not a media type a body can have"
                                    .formatted(printable(request.getContentType())));
                }
                yield Refusal.of(
                        Reason.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR, null, "Something went wrong on our side");
            }
        };
    }

    /**
     * Why a text from a client cannot be stored as it is (a NUL, a lone UTF-16 surrogate), or null
     * when it can: for parsers of the dialects' own (XML, JSON trees) to apply the rule {@link
     * StrictJson} applies to every JSON body.
     */
    public static String flaw(String text) {
        return StrictJson.flaw(text);
    }

    /** The database cannot be reached: nothing was stored, send again after {@code Retry-After}. */
    public static Refusal unavailable() {
        var headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
        return new Refusal(
                Reason.UNAVAILABLE,
                HttpStatus.SERVICE_UNAVAILABLE,
                null,
                "The database cannot be reached; nothing was stored. Send the request again later.",
                List.of(),
                headers,
                null);
    }

    /** A body that cannot be read as the operation's input, with the field named when Jackson knows it. */
    static Refusal body(HttpMessageNotReadableException failure) {
        if (BodyTooLarge.isCauseOf(failure)) {
            return Refusal.of(Reason.BODY_TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE, null, messageOf(failure));
        }
        JacksonException jackson = null;
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof JacksonException found) {
                jackson = found;
                break;
            }
        }
        if (jackson == null) {
            return Refusal.of(Reason.MALFORMED_BODY, HttpStatus.BAD_REQUEST, null, "The body cannot be read");
        }
        var field = jackson instanceof StreamReadException read ? pathOf(read) : path(jackson.getPath());
        var why = why(jackson);
        var message = field == null ? "The body is not valid: " + why : "%s: %s".formatted(field, why);
        return Refusal.of(Reason.MALFORMED_BODY, HttpStatus.BAD_REQUEST, field, message);
    }

    private static String why(JacksonException failure) {
        var original = String.valueOf(failure.getOriginalMessage());
        if (failure instanceof InvalidFormatException format && format.getTargetType() == String.class) {
            return original.replace("The text", "the text"); // a NUL or a lone surrogate (StrictJson)
        }
        if (failure instanceof MismatchedInputException mismatch && isWhole(mismatch.getTargetType())) {
            return original.contains("Floating-point")
                    ? "must be a whole number"
                    : "must be a whole number of the integer range";
        }
        if (failure instanceof StreamReadException && original.startsWith("Duplicate Object property")) {
            return "the key appears twice in one object";
        }
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            var given = failure instanceof InvalidFormatException format && format.getValue() != null
                    ? "'%s' ".formatted(printable(format.getValue()))
                    : "";
            return given + "has the wrong type or format (%s expected)".formatted(typeName(mismatch.getTargetType()));
        }
        if (failure instanceof StreamReadException) {
            return "not valid JSON: " + firstLine(original);
        }
        return "has the wrong type or format";
    }

    private static boolean isWhole(Class<?> type) {
        return type == int.class
                || type == long.class
                || type == short.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == java.math.BigInteger.class;
    }

    private static String typeName(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (isWhole(type)) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type == java.util.UUID.class) {
            return type == String.class ? "a string" : "a UUID";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** Where the parser stood when the text stopped being valid JSON (a duplicate key: that key). */
    private static String pathOf(StreamReadException failure) {
        if (failure.processor() instanceof tools.jackson.core.JsonParser parser) {
            var pointer = parser.streamReadContext().pathAsPointer().toString();
            if (!pointer.isEmpty()) {
                var path = new StringBuilder();
                for (var segment : pointer.substring(1).split("/")) {
                    if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                        path.append('[').append(segment).append(']');
                    } else {
                        path.append(path.isEmpty() ? "" : ".")
                                .append(segment.replace("~1", "/").replace("~0", "~"));
                    }
                }
                return path.toString();
            }
        }
        return path(failure.getPath());
    }

    /** {@code lines[0].quantity}, as the client wrote it; null for the whole body. */
    public static String path(List<JacksonException.Reference> references) {
        var path = new StringBuilder();
        for (var reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static Refusal fields(MethodArgumentNotValidException invalid) {
        var errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), String.valueOf(error.getDefaultMessage()), false))
                .toList();
        if (errors.isEmpty()) {
            errors = invalid.getBindingResult().getGlobalErrors().stream()
                    .map(error ->
                            new FieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()), false))
                    .toList();
        }
        return invalid(errors);
    }

    private static Refusal parameters(HandlerMethodValidationException invalid) {
        var errors = invalid.getParameterValidationResults().stream()
                .flatMap(result -> result instanceof ParameterErrors bean
                        ? bean.getFieldErrors().stream()
                                .map(error -> new FieldError(
                                        error.getField(), String.valueOf(error.getDefaultMessage()), false))
                        : result.getResolvableErrors().stream()
                                .map(error -> new FieldError(
                                        parameterName(result.getMethodParameter()),
                                        String.valueOf(error.getDefaultMessage()),
                                        true)))
                .toList();
        return invalid(errors);
    }

    private static Refusal invalid(List<FieldError> errors) {
        var first = errors.isEmpty() ? null : errors.getFirst();
        var message = errors.isEmpty()
                ? "The request has invalid fields"
                : errors.stream()
                        .map(error -> error.field() + " " + error.message())
                        .collect(java.util.stream.Collectors.joining("; "));
        return new Refusal(
                Reason.INVALID_FIELDS,
                HttpStatus.BAD_REQUEST,
                first == null ? null : first.field(),
                message,
                errors,
                null,
                null);
    }

    /** The name on the wire (a query parameter's or header's), not the Java parameter's. */
    public static String parameterName(MethodParameter parameter) {
        var query = parameter.getParameterAnnotation(RequestParam.class);
        if (query != null && !query.name().isEmpty()) {
            return query.name();
        }
        var header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return String.valueOf(parameter.getParameterName());
    }

    private static Refusal undecodable() {
        return Refusal.of(
                Reason.INVALID_PARAMETER,
                HttpStatus.BAD_REQUEST,
                null,
                "A query or form parameter cannot be decoded: percent-escapes must encode UTF-8 text without NULs");
    }

    private static Refusal noSuchPath(HttpServletRequest request) {
        return Refusal.of(
                Reason.NO_SUCH_PATH, HttpStatus.NOT_FOUND, null, "No resource " + printable(request.getRequestURI()));
    }

    private static Refusal byStatus(ErrorResponse spring, HttpServletRequest request) {
        var status = HttpStatus.resolve(spring.getStatusCode().value());
        if (status == null || status.is5xxServerError()) {
            return Refusal.of(
                    Reason.INTERNAL, HttpStatus.INTERNAL_SERVER_ERROR, null, "Something went wrong on our side");
        }
        var reason = switch (status) {
            case NOT_FOUND -> Reason.NO_SUCH_PATH;
            case METHOD_NOT_ALLOWED -> Reason.METHOD_NOT_ALLOWED;
            case UNSUPPORTED_MEDIA_TYPE -> Reason.UNSUPPORTED_MEDIA_TYPE;
            case NOT_ACCEPTABLE -> Reason.NOT_ACCEPTABLE;
            case CONTENT_TOO_LARGE -> Reason.BODY_TOO_LARGE;
            default -> Reason.INVALID_PARAMETER;
        };
        var detail = spring.getBody().getDetail();
        return withHeaders(
                Refusal.of(reason, status, null, detail == null ? status.getReasonPhrase() : detail),
                spring.getHeaders());
    }

    private static Refusal withHeaders(Refusal refusal, HttpHeaders headers) {
        var merged = new HttpHeaders();
        merged.addAll(refusal.headers());
        merged.addAll(headers);
        return new Refusal(
                refusal.reason(),
                refusal.status(),
                refusal.field(),
                refusal.message(),
                refusal.errors(),
                merged,
                refusal.refused());
    }

    private static boolean hasUnusableContentType(HttpServletRequest request) {
        var header = request == null ? null : request.getContentType();
        if (header == null) {
            return false;
        }
        try {
            var type = MediaType.parseMediaType(header);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException unreadable) {
            return true;
        }
    }

    private static String messageOf(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return tooLarge.getMessage();
            }
        }
        return "The request body is too large";
    }

    /** Client text in a message: control characters and lone surrogates shown as escapes. */
    static String printable(Object value) {
        var text = String.valueOf(value);
        var out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append("\\u%04x".formatted((int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String firstLine(String text) {
        var message = String.valueOf(text);
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
