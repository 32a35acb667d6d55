package io.rescind.dialects.crux;

import io.rescind.http.DialectErrors;
import io.rescind.http.Refusal;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/** Every error of the Crux dialect as {@code {"detail": "..."}} with Crux's documented status codes. */
@RestControllerAdvice(basePackageClasses = CruxErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CruxErrors extends DialectErrors {

    CruxErrors(JsonMapper json) {
        super(json);
    }

    @ExceptionHandler(CruxError.class)
    ResponseEntity<CruxError.Body> crux(CruxError e) {
        return ResponseEntity.status(e.status())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(new CruxError.Body(e.getMessage()));
    }

    @Override
    protected ResponseEntity<?> answer(jakarta.servlet.http.HttpServletRequest request, Refusal refusal) {
        var status = switch (refusal.reason()) {
            // Crux's 409 means a requester of the wrong type, so the engine's conflicts (already
            // decided, nothing open...) are 422: "the action can't be performed on the identifier".
            case REFUSED ->
                switch (refusal.refused().kind()) {
                    case CONFLICT, UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
                    default -> refusal.status();
                };
            default -> refusal.status();
        };
        var detail = switch (refusal.reason()) {
            case UNAUTHENTICATED -> "Authentication credentials were not provided.";
            case BAD_CREDENTIALS -> "Invalid token.";
            case FORBIDDEN -> "You do not have permission to perform this action.";
            case UNSUPPORTED_MEDIA_TYPE -> "The Content-Type header must be application/json.";
            case METHOD_NOT_ALLOWED -> "The HTTP verb is not correct for this URL.";
            case NO_SUCH_PATH -> "Not found.";
            case BODY_TOO_LARGE -> "The request body is too large.";
            case TOO_MANY_REQUESTS ->
                "Request was throttled. Expected available in %s seconds."
                        .formatted(refusal.headers().getFirst(HttpHeaders.RETRY_AFTER));
            case UNAVAILABLE -> "Temporarily unavailable, nothing was changed: try again.";
            case INTERNAL -> "Something went wrong on our side.";
            case NOT_ACCEPTABLE -> null;
            default -> refusal.message();
        };
        var answer = ResponseEntity.status(status);
        if (refusal.reason() == Refusal.Reason.UNAUTHENTICATED || refusal.reason() == Refusal.Reason.BAD_CREDENTIALS) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Token");
        }
        return detail == null ? answer.build() : answer.body(new CruxError.Body(detail));
    }
}
