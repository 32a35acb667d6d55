package io.rescind.dialects.mirakl;

import io.rescind.http.DialectErrors;
import io.rescind.http.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the Mirakl endpoints in Mirakl's {@code Error} shape: Spring MVC's own failures
 * (bad JSON, wrong types, missing parameters, wrong method or media type ...), bad fields named by
 * JSON path, and the engine's refusals by their stable code. The token endpoint answers RFC 6749's
 * {@code {"error": ..., "error_description": ...}} instead, as Mirakl's authentication server does.
 */
@RestControllerAdvice(basePackageClasses = MiraklErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class MiraklErrors extends DialectErrors {

    MiraklErrors(JsonMapper json) {
        super(json);
    }

    @ExceptionHandler(MiraklError.Invalid.class)
    ResponseEntity<Object> invalid(MiraklError.Invalid e) {
        return respond(HttpStatus.BAD_REQUEST, MiraklError.invalid(e.errors()));
    }

    @Override
    protected ResponseEntity<?> answer(HttpServletRequest request, Refusal refusal) {
        if (TokenController.PATH.equals(request.getRequestURI()) && !refusal.isTransient()) {
            return oauth(refusal);
        }
        return switch (refusal.reason()) {
            case REFUSED ->
                respond(
                        refusal.status(),
                        MiraklError.of(
                                refusal.refused().kind() == io.rescind.RescindException.Kind.NOT_FOUND
                                        ? MiraklError.DATA_NOT_FOUND
                                        : ActionViews.codeOf(refusal.code()),
                                refusal.message()));
            case MALFORMED_BODY ->
                respond(
                        HttpStatus.BAD_REQUEST,
                        MiraklError.invalid(List.of(new MiraklError.Item(
                                refusal.why(), refusal.field() == null ? "$" : "$." + refusal.field(), null))));
            case INVALID_FIELDS ->
                respond(
                        HttpStatus.BAD_REQUEST,
                        MiraklError.invalid(refusal.errors().stream()
                                .map(error -> new MiraklError.Item(
                                        error.message(),
                                        error.parameter() ? error.field() : jsonPath(error.field()),
                                        null))
                                .toList()));
            case INVALID_PARAMETER, MISSING_PARAMETER, MISSING_HEADER ->
                respond(
                        HttpStatus.BAD_REQUEST,
                        MiraklError.invalid(List.of(new MiraklError.Item(refusal.message(), refusal.field(), null))));
            case UNAUTHENTICATED, BAD_CREDENTIALS ->
                ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(MiraklError.of(
                                MiraklError.UNAUTHORIZED,
                                refusal.reason() == Refusal.Reason.BAD_CREDENTIALS
                                        ? refusal.message()
                                        : "Send 'Authorization: Bearer <token>'"));
            case FORBIDDEN ->
                respond(
                        HttpStatus.FORBIDDEN,
                        MiraklError.of(MiraklError.FORBIDDEN, "The token does not grant the scope this call needs"));
            case CONSTRAINT ->
                respond(
                        HttpStatus.BAD_REQUEST,
                        MiraklError.of(MiraklError.INVALID_INPUT, "The request breaks a rule of the data model"));
            case TOO_MANY_REQUESTS ->
                respond(refusal.status(), MiraklError.of(MiraklError.TOO_MANY_REQUEST, refusal.message()));
            case UNAVAILABLE ->
                respond(
                        refusal.status(),
                        MiraklError.of(
                                MiraklError.UNAVAILABLE, "Temporarily unavailable, nothing was changed: try again"));
            case INTERNAL ->
                respond(
                        refusal.status(),
                        MiraklError.of(MiraklError.UNEXPECTED, "An error occurred while processing your request"));
            case NO_SUCH_PATH ->
                respond(refusal.status(), MiraklError.of(MiraklError.DATA_NOT_FOUND, refusal.message()));
            default -> respond(refusal.status(), MiraklError.of(MiraklError.INVALID_INPUT, refusal.message()));
        };
    }

    /** RFC 6749 §5.2: what the client sent cannot be read as a token request. */
    private static ResponseEntity<Object> oauth(Refusal refusal) {
        var status = refusal.reason() == Refusal.Reason.INTERNAL ? refusal.status() : HttpStatus.BAD_REQUEST;
        var code = refusal.reason() == Refusal.Reason.INTERNAL ? "server_error" : "invalid_request";
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", code, "error_description", refusal.message()));
    }

    private static ResponseEntity<Object> respond(HttpStatus status, MiraklError error) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(error);
    }

    /** {@code cancelations[0].shippingPrice.amount} → {@code $.cancelations[0].shipping_price.amount}. */
    static String jsonPath(String javaPath) {
        return "$." + javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
