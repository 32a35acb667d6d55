package io.rescind.dialects.walmart;

import io.rescind.http.DialectErrors;
import io.rescind.http.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/** Every error of the Walmart endpoints in Walmart's gateway error shape, XML or JSON. */
@RestControllerAdvice(basePackageClasses = WalmartErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WalmartErrorAdvice extends DialectErrors {

    private final Bodies bodies;

    WalmartErrorAdvice(Bodies bodies, JsonMapper json) {
        super(json);
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

    @Override
    protected ResponseEntity<?> answer(HttpServletRequest request, Refusal refusal) {
        return switch (refusal.reason()) {
            case REFUSED -> refused(request, refusal);
            case MALFORMED_BODY ->
                answer(
                        request,
                        WalmartError.Code.MALFORMED_REQUEST_CONTENT,
                        refusal.field() == null ? "body" : refusal.field(),
                        refusal.why());
            case MISSING_PARAMETER ->
                answer(
                        request,
                        WalmartError.Code.MISSING_REQUEST_PARAM,
                        refusal.field(),
                        refusal.field() + " is required");
            case MISSING_HEADER ->
                answer(
                        request,
                        WalmartError.Code.MISSING_REQUEST_HEADER,
                        refusal.field(),
                        refusal.field() + " set blank or null");
            case INVALID_PARAMETER, INVALID_FIELDS ->
                answer(request, WalmartError.Code.INVALID_REQUEST_PARAM, refusal.field(), refusal.message());
            case UNSUPPORTED_MEDIA_TYPE ->
                answer(request, WalmartError.Code.UNSUPPORTED_MEDIA_TYPE, null, refusal.message());
            case NOT_ACCEPTABLE ->
                answer(
                        request,
                        WalmartError.Code.INVALID_ACCEPT_TYPE,
                        null,
                        "Accept application/xml or application/json");
            case METHOD_NOT_ALLOWED -> answer(request, WalmartError.Code.METHOD_NOT_ALLOWED, null, refusal.message());
            case NO_SUCH_PATH -> answer(request, WalmartError.Code.URI_NOT_FOUND, null, refusal.message());
            case BODY_TOO_LARGE -> answer(request, WalmartError.Code.REQUEST_TOO_LARGE, "body", refusal.message());
            case UNAUTHENTICATED, BAD_CREDENTIALS ->
                bodies.errors(
                        request,
                        List.of(new WalmartError(
                                WalmartError.Code.UNAUTHORIZED, WalmartError.GATEWAY, null, refusal.message())));
            case FORBIDDEN ->
                bodies.errors(
                        request,
                        List.of(new WalmartError(
                                WalmartError.Code.FORBIDDEN,
                                WalmartError.GATEWAY,
                                null,
                                "Only sellers (and operators) use the Walmart API")));
            case TOO_MANY_REQUESTS ->
                answer(request, WalmartError.Code.REQUEST_THRESHOLD_VIOLATED, null, refusal.message());
            case CONSTRAINT ->
                answer(
                        request,
                        WalmartError.Code.INVALID_REQUEST_CONTENT,
                        null,
                        "The request breaks a rule of the data model");
            case UNAVAILABLE ->
                answer(request, WalmartError.Code.SERVICE_UNAVAILABLE, null, "Nothing was changed: try again");
            case INTERNAL -> answer(request, WalmartError.Code.SYSTEM_ERROR, null, "Something went wrong on our side");
        };
    }

    private ResponseEntity<String> refused(HttpServletRequest request, Refusal refusal) {
        var details = refusal.refused().details();
        var field = refusal.field();
        if (details.get("line") != null) {
            field = "orderLine[lineNumber=%s]".formatted(details.get("line"));
        }
        var code = switch (refusal.refused().kind()) {
            case NOT_FOUND -> WalmartError.Code.CONTENT_NOT_FOUND;
            case UNAUTHENTICATED -> WalmartError.Code.UNAUTHORIZED;
            case FORBIDDEN -> WalmartError.Code.FORBIDDEN;
            case INVALID, CONFLICT, UNPROCESSABLE -> WalmartError.Code.INVALID_REQUEST_CONTENT;
        };
        return answer(request, code, field, refusal.message());
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
