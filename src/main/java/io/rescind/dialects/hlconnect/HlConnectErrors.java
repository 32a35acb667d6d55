package io.rescind.dialects.hlconnect;

import io.rescind.http.DialectErrors;
import io.rescind.http.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the HL Connect dialect in HL Connect's {@link ErrorResponse} shape: Rescind's
 * refusals, Spring MVC's own errors (missing or malformed parameters, wrong media types...) and
 * anything unexpected, which is a 500 without internals.
 */
@RestControllerAdvice(basePackageClasses = HlConnectErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class HlConnectErrors extends DialectErrors {

    HlConnectErrors(JsonMapper json) {
        super(json);
    }

    @Override
    protected ResponseEntity<?> answer(HttpServletRequest request, Refusal refusal) {
        return switch (refusal.reason()) {
            case REFUSED -> refused(refusal);
            case UNAUTHENTICATED ->
                withChallenge(ErrorResponse.answer(
                        HttpStatus.UNAUTHORIZED,
                        "Unauthorized",
                        "Missing access token: send 'Authorization: Bearer <key>'"));
            case BAD_CREDENTIALS ->
                withChallenge(ErrorResponse.answer(HttpStatus.UNAUTHORIZED, "Unauthorized", "Invalid access token"));
            case FORBIDDEN -> ErrorResponse.answer(HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this");
            case MISSING_PARAMETER, INVALID_FIELDS, MALFORMED_BODY ->
                ErrorResponse.answer(HttpStatus.BAD_REQUEST, "ValidationError", refusal.message());
            case INVALID_PARAMETER ->
                ErrorResponse.answer(
                        HttpStatus.BAD_REQUEST,
                        "ValidationError",
                        refusal.field() == null
                                ? refusal.message()
                                : refusal.message() + ": an integer of at least 1 is expected");
            case UNAVAILABLE ->
                ErrorResponse.answer(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "ServiceUnavailable",
                        "Temporarily unavailable, nothing was changed");
            case INTERNAL ->
                ErrorResponse.answer(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "InternalServerError",
                        "Something went wrong processing the request");
            default -> ErrorResponse.answer(refusal.status(), nameOf(refusal.status()), refusal.message());
        };
    }

    private static ResponseEntity<Object> refused(Refusal refusal) {
        var message = refusal.message();
        return switch (refusal.refused().kind()) {
            case NOT_FOUND -> ErrorResponse.answer(HttpStatus.NOT_FOUND, "NotFound", message);
            case UNAUTHENTICATED -> ErrorResponse.answer(HttpStatus.UNAUTHORIZED, "Unauthorized", message);
            case FORBIDDEN -> ErrorResponse.answer(HttpStatus.FORBIDDEN, "Forbidden", message);
            case CONFLICT ->
                ErrorResponse.answer(
                        HttpStatus.BAD_REQUEST,
                        "InvalidOrderStatus",
                        ErrorResponse.INVALID_ORDER_STATUS + ": " + message);
            // An order without the named line is, for HL Connect, no such order and line item.
            case INVALID, UNPROCESSABLE ->
                "unknown-line".equals(refusal.code())
                        ? ErrorResponse.answer(HttpStatus.NOT_FOUND, "NotFound", message)
                        : ErrorResponse.answer(HttpStatus.BAD_REQUEST, "ValidationError", message);
        };
    }

    private static ResponseEntity<Object> withChallenge(ResponseEntity<Object> answer) {
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(answer.getBody());
    }

    /** {@code TOO_MANY_REQUESTS} → {@code TooManyRequests}. */
    private static String nameOf(HttpStatus status) {
        var name = new StringBuilder();
        for (var word : status.name().toLowerCase().split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }
}
