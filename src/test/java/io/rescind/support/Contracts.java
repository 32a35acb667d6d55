package io.rescind.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The service's own OpenAPI documents as the judge of its answers: every response a test receives
 * must be an operation and a status its API's document declares, in a declared media type, with a
 * body valid against the declared schema. The documents are read from the running service, as a
 * client would, so a document that drifts from the code fails the test that sees the drift.
 */
final class Contracts {

    /** Which document a path belongs to, and the prefix its servers add (Crux's /timp...). */
    private record Api(String group, Pattern paths, String serverPrefix) {}

    private static final List<Api> APIS = List.of(
            new Api("canonical", Pattern.compile("/api/v1/.*"), ""),
            new Api("hlconnect", Pattern.compile("/purchase/.*|/health"), ""),
            new Api("walmart-ca", Pattern.compile("/v3/ca/.*|/v3/ca|/v3/token"), ""),
            new Api("crux", Pattern.compile("/timp/.*"), "/timp"),
            new Api("crux", Pattern.compile("/orders/.*"), ""),
            new Api("mirakl", Pattern.compile("/api/v2/orders.*"), "/api"),
            new Api("mirakl", Pattern.compile("/v2/orders(/.*)?|/mirakl/oauth/token"), ""),
            new Api("tradecloud", Pattern.compile("/v2/api-connector/.*|/v2/order/.*|/v2/authentication/.*"), ""));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** Per service (port) and group: the document, and the file it was saved to for $ref resolution. */
    private record Document(JsonNode json, Path file) {}

    private static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();

    private Contracts() {}

    /** Checks one answer; throws {@link AssertionError} saying what the document does not declare. */
    static void check(int port, String method, String target, int status, String contentType, String body) {
        var query = target.indexOf('?');
        var path = query < 0 ? target : target.substring(0, query);
        var api = APIS.stream().filter(a -> a.paths().matcher(path).matches()).findFirst();
        if (api.isEmpty()) {
            return; // actuator, the documents themselves, Swagger UI, problem pages
        }
        var document = document(port, api.get().group());
        var relative = path.substring(api.get().serverPrefix().length());
        var described = method + " " + target + " → " + status + " " + contentType + " " + abbreviated(body);
        var operation = operation(document.json(), method, relative);
        String pointer;
        if (operation == null) {
            // An unknown path or method (or one refused before routing): only errors, in the API's shape.
            if (status < 400 || status >= 500) {
                throw new AssertionError(api.get().group() + " declares no operation " + described);
            }
            pointer = errorSchemaPointer(document.json());
            if (pointer == null || !mediaType(contentType).endsWith("json")) {
                return;
            }
            validate(document, document.json().at(pointer), contentType, body, described);
            return;
        }
        var responses = operation.pointer().path("responses");
        var code = String.valueOf(status);
        var response = responses.has(code) ? code : responses.has("default") ? "default" : null;
        if (response == null) {
            throw new AssertionError(api.get().group() + " does not declare status " + status + " for "
                    + operation.name() + ": " + described);
        }
        var responseNode = resolve(document.json(), responses.get(response));
        var content = responseNode.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return; // nothing declared about the body (204, or a header-only answer)
        }
        if (body.isEmpty()) {
            return; // a declared body may be left out (HEAD, 406)
        }
        var mediaType = mediaType(contentType);
        String declared = null;
        for (var entry : content.properties()) {
            if (entry.getKey().equalsIgnoreCase(mediaType) || entry.getKey().equals("*/*")) {
                declared = entry.getKey();
                break;
            }
        }
        if (declared == null) {
            throw new AssertionError(api.get().group() + " declares " + content + ", not " + contentType + ", for "
                    + status + " of " + operation.name() + ": " + described);
        }
        if (!mediaType.endsWith("json")) {
            return; // XML and plain text: the media type is what the document can say
        }
        validate(document, content.get(declared).path("schema"), contentType, body, described);
    }

    private record Found(String template, String name, JsonNode pointer) {}

    /** The operation whose template matches, literal segments preferred over parameters. */
    private static Found operation(JsonNode document, String method, String path) {
        Found best = null;
        int bestParameters = Integer.MAX_VALUE;
        for (var entry : document.path("paths").properties()) {
            var template = entry.getKey();
            var regex = Pattern.quote(template).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q");
            if (!path.matches(regex)) {
                continue;
            }
            var operation = entry.getValue().path(method.toLowerCase(Locale.ROOT));
            int parameters = template.split("\\{", -1).length - 1;
            if (!operation.isMissingNode() && parameters < bestParameters) {
                best = new Found(template, method + " " + template, operation);
                bestParameters = parameters;
            }
        }
        return best;
    }

    private static String errorSchemaPointer(JsonNode document) {
        var schemas = document.path("components").path("schemas");
        for (var name : List.of("Problem", "Error", "ErrorResponse")) {
            if (schemas.has(name)) {
                return "/components/schemas/" + name;
            }
        }
        return null;
    }

    private static void validate(Document document, JsonNode schema, String contentType, String body, String what) {
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + contentType + "): " + what, e);
        }
        // The schema's $refs point into the document: made absolute, they resolve in its file.
        var absolute = absoluteRefs(schema.deepCopy(), document.file().toUri().toString());
        var errors = SCHEMAS.getSchema(absolute).validate(instance);
        if (!errors.isEmpty()) {
            throw new AssertionError("invalid against " + schema + ": " + errors + ": " + what);
        }
    }

    private static JsonNode absoluteRefs(JsonNode node, String base) {
        if (node instanceof ObjectNode object) {
            var ref = object.get("$ref");
            if (ref != null && ref.isTextual() && ref.asText().startsWith("#")) {
                object.put("$ref", base + ref.asText());
            }
            object.properties().forEach(entry -> absoluteRefs(entry.getValue(), base));
        } else if (node.isArray()) {
            node.forEach(item -> absoluteRefs(item, base));
        }
        return node;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        return node.has("$ref") ? document.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static Document document(int port, String group) {
        return DOCUMENTS.computeIfAbsent(port + "/" + group, key -> {
            try {
                var response = CLIENT.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs/" + group))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new AssertionError("/v3/api-docs/" + group + " answered " + response.statusCode());
                }
                var file = Files.createTempFile("openapi-" + group + "-", ".json");
                file.toFile().deleteOnExit();
                Files.writeString(file, response.body());
                return new Document(JSON.readTree(response.body()), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static String abbreviated(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
