package io.rescind.http;

import io.rescind.http.Refusal.Reason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error answers of one API. A subclass, annotated {@code @RestControllerAdvice} for its
 * package and ordered before {@link ProblemHandler}, says for each {@link Refusal} which status and
 * body its vendor uses; everything else is here: the translation of any failure ({@link
 * Refusals#of}), logging faults of ours, the headers every shape keeps ({@code Allow}, {@code
 * Retry-After}), and writing the same answers from security filters, before any controller runs.
 * Exceptions of the dialect's own (a vendor-specific refusal) get handlers of their own in the
 * subclass, which win over the catch-all here.
 */
public abstract class DialectErrors {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final JsonMapper json;

    protected DialectErrors(JsonMapper json) {
        this.json = json;
    }

    /** The answer in this API's shape. */
    protected abstract ResponseEntity<?> answer(HttpServletRequest request, Refusal refusal);

    @ExceptionHandler(Exception.class)
    public ResponseEntity<?> failed(Exception failure, HttpServletRequest request) {
        return respond(request, Refusals.of(failure, request), failure);
    }

    /** The answer for {@code refusal} with its own headers added; logs what deserves it. */
    protected final ResponseEntity<?> respond(HttpServletRequest request, Refusal refusal, Throwable failure) {
        switch (refusal.reason()) {
            case INTERNAL ->
                log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
            case UNAVAILABLE ->
                log.warn(
                        "{} {} answered 503, the database is unavailable",
                        request.getMethod(),
                        request.getRequestURI());
            case CONSTRAINT -> log.warn("Request refused by a database constraint", failure);
            default -> {}
        }
        var answer = answer(request, refusal);
        var headers = new HttpHeaders();
        headers.addAll(answer.getHeaders());
        // The error shape is the API's whatever the client accepts: with its type set here, Spring
        // writes it as it is instead of failing (a 500) on an Accept header it cannot satisfy.
        if (headers.getContentType() == null && answer.getBody() != null && !(answer.getBody() instanceof String)) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        refusal.headers().forEach((name, values) -> {
            if (!headers.containsHeader(name)) {
                headers.addAll(name, values);
            }
        });
        return new ResponseEntity<>(answer.getBody(), headers, answer.getStatusCode());
    }

    /** Writes the answer for {@code refusal} from a filter (authentication, rate limits, outages). */
    public final void write(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException {
        var answer = respond(request, refusal, null);
        response.resetBuffer();
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        var body = answer.getBody();
        if (body == null) {
            return;
        }
        if (body instanceof String text) {
            if (answer.getHeaders().getContentType() == null) {
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            }
            response.setCharacterEncoding(StandardCharsets.UTF_8);
            response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (answer.getHeaders().getContentType() == null) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        }
        json.writeValue(response.getOutputStream(), body);
    }

    /** Whether the refusal is about the client's credentials, as opposed to its rights. */
    protected static boolean isAuthentication(Refusal refusal) {
        return refusal.reason() == Reason.UNAUTHENTICATED || refusal.reason() == Reason.BAD_CREDENTIALS;
    }
}
