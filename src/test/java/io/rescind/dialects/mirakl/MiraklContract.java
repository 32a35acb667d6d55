package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mirakl Connect's own OpenAPI file, as the judge of Rescind's answers: each response must be a
 * status the operation declares (or one of the statuses Mirakl leaves undeclared, answered with its
 * {@code Error}), be JSON, and match the schema the file gives for it.
 */
final class MiraklContract {

    static final Path SPEC = Path.of("../shared/reference/vendors/mirakl/mirakl-connect-openapi.yaml")
            .toAbsolutePath()
            .normalize();

    /**
     * The vendor's file sits beside the repository (in shared/), not inside it; without it every
     * test that checks a response against it is skipped.
     */
    static final boolean AVAILABLE = Files.isReadable(SPEC);

    /**
     * Error statuses the file does not model for every operation (it has no 401 or 403 anywhere,
     * and no 400 on the order list); Rescind answers each with {@code Error}.
     */
    private static final Set<Integer> UNDECLARED_ERRORS = Set.of(400, 401, 403, 404, 405, 413, 415, 500);

    private static final String ERROR = "#/components/schemas/Error";

    private static final JsonNode DOCUMENT = read();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode MISSING = JSON.missingNode();

    private MiraklContract() {}

    private static JsonNode read() {
        if (!AVAILABLE) {
            return null;
        }
        try {
            return new YAMLMapper().readTree(Files.readString(SPEC));
        } catch (IOException e) {
            throw new UncheckedIOException("The Mirakl Connect OpenAPI file is expected at " + SPEC, e);
        }
    }

    /**
     * Checks one response to {@code method path} against the file. Without the file the check
     * cannot run, so the calling test is skipped, never reported as passed.
     */
    static void check(String method, String path, int status, String contentType, String body) {
        assumeTrue(AVAILABLE, "Mirakl's OpenAPI file is not at " + SPEC);
        var described = method + " " + path + " → " + status + " " + body;
        var operation = operation(method, path);
        if (operation == null) {
            // A method the file does not define on a path it does: only 405, as an Error.
            assertThat(status).as("operation in the contract: " + described).isEqualTo(405);
            operation = MISSING;
        }
        var response = operation.path("responses").path(String.valueOf(status));
        String schema;
        if (response.isMissingNode()) {
            assertThat(UNDECLARED_ERRORS)
                    .as("status declared by the contract: " + described)
                    .contains(status);
            schema = ERROR;
        } else {
            schema = response.at("/content/application~1json/schema/$ref").asText();
        }
        assertThat(contentType).as("content type: " + described).startsWith("application/json");
        JsonNode instance;
        try {
            instance = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + described, e);
        }
        var errors = SCHEMAS.getSchema(SchemaLocation.of(SPEC.toUri() + schema)).validate(instance);
        assertThat(errors).as("valid against %s: %s", schema, described).isEmpty();
    }

    private static JsonNode operation(String method, String path) {
        Iterator<Map.Entry<String, JsonNode>> paths =
                DOCUMENT.path("paths").properties().iterator();
        while (paths.hasNext()) {
            var entry = paths.next();
            var pattern = entry.getKey().replaceAll("\\{[^/]+}", "[^/]+");
            if (path.matches(pattern)) {
                var operation = entry.getValue().path(method.toLowerCase(Locale.ROOT));
                if (!operation.isMissingNode()) {
                    return operation;
                }
            }
        }
        return null;
    }

    static String pathOf(URI uri) {
        return uri.getRawPath();
    }
}
