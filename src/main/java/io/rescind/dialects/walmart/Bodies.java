package io.rescind.dialects.walmart;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes Walmart documents, and Walmart errors, in the format the client takes. */
@Component
class Bodies {

    static final String ORDERS_NS = "http://walmart.com/mp/v3/orders";

    static final String WALMART_NS = "http://walmart.com/";

    private final JsonMapper json;

    Bodies(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param jsonWrapped whether the JSON form keeps the root as a wrapping key ({@code {"order":
     *     {..}}}), as Walmart's order documents do
     */
    ResponseEntity<String> render(
            HttpStatusCode status,
            Format format,
            String namespace,
            String root,
            Map<String, ?> content,
            boolean jsonWrapped) {
        var text = switch (format) {
            case XML -> Tree.writeXml(namespace, root, content);
            case JSON -> json.writeValueAsString(jsonWrapped ? Map.of(root, content) : content);
        };
        return ResponseEntity.status(status)
                .contentType(new MediaType(format.mediaType, StandardCharsets.UTF_8))
                .body(text);
    }

    ResponseEntity<String> errors(HttpServletRequest request, List<WalmartError> errors) {
        return render(
                errors.getFirst().code().status,
                Format.forErrors(request),
                WALMART_NS,
                "errors",
                WalmartError.body(errors),
                true);
    }

    /** For filters, which answer before any controller runs. */
    void write(HttpServletRequest request, HttpServletResponse response, WalmartError error) throws IOException {
        var entity = errors(request, List.of(error));
        response.setStatus(entity.getStatusCode().value());
        response.setContentType(String.valueOf(entity.getHeaders().getContentType()));
        response.getOutputStream().write(String.valueOf(entity.getBody()).getBytes(StandardCharsets.UTF_8));
    }
}
