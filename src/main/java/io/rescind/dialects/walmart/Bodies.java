package io.rescind.dialects.walmart;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
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

    /**
     * The request body as a document, XML or JSON by its Content-Type; anything else is 415, an
     * empty body 400.
     */
    Tree.Document read(HttpServletRequest request, byte[] body, String service, String root) {
        MediaType type;
        try {
            type = request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (InvalidMediaTypeException unreadable) {
            type = null;
        }
        if (type == null || !(Format.isXml(type) || Format.isJson(type))) {
            throw new WalmartFault(
                    WalmartError.Code.UNSUPPORTED_MEDIA_TYPE,
                    service,
                    null,
                    "Send the body as application/xml or application/json, not " + request.getContentType());
        }
        if (body == null || body.length == 0) {
            throw new WalmartFault(
                    WalmartError.Code.MALFORMED_REQUEST_CONTENT, service, root, "The request has no body");
        }
        return Format.isJson(type) ? Tree.readJson(json, body) : Tree.readXml(body);
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
