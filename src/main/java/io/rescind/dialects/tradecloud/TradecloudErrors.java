package io.rescind.dialects.tradecloud;

import io.rescind.http.DialectErrors;
import io.rescind.http.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error of the Tradecloud dialect as {@code {"ok":false,"message":"..."}}, but 401, which is
 * Tradecloud's plain text. Tradecloud documents no error body, so the shape mirrors its {@code
 * {"ok":true}}; it documents 400, 401, 404 and 5xx only, so the engine's refusals of content are 400.
 * Tradecloud clients retry 5xx with backoff; {@code Retry-After} says when.
 */
@RestControllerAdvice(basePackageClasses = TradecloudErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TradecloudErrors extends DialectErrors {

    TradecloudErrors(JsonMapper json) {
        super(json);
    }

    @ExceptionHandler(TradecloudError.class)
    ResponseEntity<TradecloudError.Body> tradecloud(TradecloudError e) {
        return ResponseEntity.status(e.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new TradecloudError.Body(e.getMessage()));
    }

    @Override
    protected ResponseEntity<?> answer(HttpServletRequest request, Refusal refusal) {
        if (isAuthentication(refusal)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                    .body(TradecloudSecurity.INVALID);
        }
        var status = switch (refusal.reason()) {
            case REFUSED ->
                switch (refusal.refused().kind()) {
                    case INVALID, UNPROCESSABLE -> HttpStatus.BAD_REQUEST;
                    default -> refusal.status();
                };
            case CONSTRAINT -> HttpStatus.BAD_REQUEST;
            default -> refusal.status();
        };
        var message = switch (refusal.reason()) {
            case UNSUPPORTED_MEDIA_TYPE -> "The Content-Type must be application/json";
            case METHOD_NOT_ALLOWED -> "Method not allowed for this path";
            case NO_SUCH_PATH -> "Not found";
            case BODY_TOO_LARGE -> "The request body is too large";
            case TOO_MANY_REQUESTS ->
                "Too many requests: send again in %s seconds"
                        .formatted(refusal.headers().getFirst(HttpHeaders.RETRY_AFTER));
            case UNAVAILABLE -> "Temporarily unavailable, nothing was stored: send it again";
            case INTERNAL -> "Something went wrong on our side";
            case NOT_ACCEPTABLE -> null;
            default -> refusal.message();
        };
        return message == null
                ? ResponseEntity.status(status).build()
                : ResponseEntity.status(status).body(new TradecloudError.Body(message));
    }
}
