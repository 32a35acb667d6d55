package io.rescind.http;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.http.HttpStatus;

/**
 * One API's OpenAPI document (a springdoc group): what springdoc derives from the controllers,
 * given the API's identity, the security scheme it really uses and its error shape. Every error
 * response an operation declares without a body gets the API's error body; the statuses every
 * operation of the API can answer (a bad request, a missing credential, an outage...) are added
 * where the controller does not declare them itself.
 */
public final class ApiDocument {

    /** Statuses any operation of an API may answer, whatever it does. */
    public enum Common {
        /** A request that is not well-formed (any operation). */
        BAD_REQUEST(400),
        /** No or a wrong credential (operations that are not public). */
        UNAUTHORIZED(401),
        /** A role that may not call the operation (operations that are not public). */
        FORBIDDEN(403),
        /** An identifier that names nothing visible (operations with identifiers in the path, query or body). */
        NOT_FOUND(404),
        /** An {@code Accept} the operation cannot answer (any operation). */
        NOT_ACCEPTABLE(406),
        /** A body above the size bound (operations with a body). */
        CONTENT_TOO_LARGE(413),
        /** A body of a type the operation does not take (operations with a body). */
        UNSUPPORTED_MEDIA_TYPE(415),
        /** A well-formed body that breaks a rule (operations with a body). */
        UNPROCESSABLE_CONTENT(422),
        /** The caller's or its tenant's rate limit is used up (operations that are not public). */
        TOO_MANY_REQUESTS(429),
        /** A fault of ours (any operation). */
        INTERNAL_SERVER_ERROR(500),
        /** The database is unreachable (any operation). */
        SERVICE_UNAVAILABLE(503);

        final int status;

        Common(int status) {
            this.status = status;
        }
    }

    private final String group;
    private final String title;
    private final String version;
    private final String description;
    private final List<String> paths = new ArrayList<>();
    private final List<Server> servers = new ArrayList<>();
    private final Map<String, SecurityScheme> schemes = new LinkedHashMap<>();
    private final Map<String, Schema<?>> errorSchemas = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<String> errorMediaTypes = new ArrayList<>();
    private final Map<String, Content> statusBodies = new LinkedHashMap<>();
    private final Map<String, SecurityScheme> componentSchemes = new LinkedHashMap<>();
    private final List<Parameter> headers = new ArrayList<>();
    private String errorSchema;
    private Content successBody;

    private ApiDocument(String group, String title, String version, String description) {
        this.group = group;
        this.title = title;
        this.version = version;
        this.description = description;
    }

    public static ApiDocument of(String group, String title, String version, String description) {
        return new ApiDocument(group, title, version, description);
    }

    public ApiDocument paths(String... patterns) {
        paths.addAll(List.of(patterns));
        return this;
    }

    /** A base the API is also served under (relative to the host), besides the root. */
    public ApiDocument server(String url, String what) {
        servers.add(new Server().url(url).description(what));
        return this;
    }

    /** A way to authenticate; operations need one of them unless they declare {@code security = {}}. */
    public ApiDocument security(String name, SecurityScheme scheme) {
        schemes.put(name, scheme);
        return this;
    }

    /**
     * The body of every error answer: a schema named {@code name} (with {@code others} it refers
     * to), in the given media types.
     */
    public ApiDocument errors(String name, Schema<?> schema, Map<String, Schema<?>> others, String... mediaTypes) {
        errorSchema = name;
        errorSchemas.put(name, schema);
        errorSchemas.putAll(others);
        errorMediaTypes.addAll(List.of(mediaTypes));
        return this;
    }

    /** A scheme only some operations use (they name it in {@code @SecurityRequirement}). */
    public ApiDocument scheme(String name, SecurityScheme scheme) {
        componentSchemes.put(name, scheme);
        return this;
    }

    /** An error status whose body is not the API's usual error body (a plain-text 401...). */
    public ApiDocument errorBody(int status, String mediaType, Schema<?> schema) {
        statusBodies.put(String.valueOf(status), new Content().addMediaType(mediaType, new MediaType().schema(schema)));
        return this;
    }

    /**
     * The body of every success that springdoc can only call a string (a controller that renders
     * its documents itself, in JSON or XML).
     */
    public ApiDocument successBody(Map<String, Schema<?>> byMediaType) {
        successBody = new Content();
        byMediaType.forEach((type, schema) -> successBody.addMediaType(type, new MediaType().schema(schema)));
        return this;
    }

    /** A header every authenticated operation takes (Walmart's {@code WM_SVC.NAME}...). */
    public ApiDocument header(String name, boolean required, String what) {
        headers.add(new Parameter()
                .in("header")
                .name(name)
                .required(required)
                .description(what)
                .schema(new Schema<>().type("string")));
        return this;
    }

    public ApiDocument tag(String name, String what) {
        tags.put(name, what);
        return this;
    }

    /** The customisation alone, for the service's default document ({@code /v3/api-docs}). */
    public OpenApiCustomizer customizer() {
        return this::customise;
    }

    public GroupedOpenApi build() {
        return GroupedOpenApi.builder()
                .group(group)
                .displayName(title)
                .pathsToMatch(paths.toArray(String[]::new))
                .addOpenApiCustomizer(this::customise)
                .build();
    }

    /** RFC 9457 Problem Details, the error body of the canonical API. */
    public static Schema<?> problemSchema() {
        var schema = new Schema<>()
                .type("object")
                .description("RFC 9457 Problem Details. `type` is stable per reason and resolves to a page"
                        + " explaining it; members beyond the standard ones carry details (`errors`,"
                        + " `refusals`...).")
                .addProperty(
                        "type",
                        new Schema<>().type("string").format("uri-reference").example("/problems/not-found"))
                .addProperty("title", new Schema<>().type("string"))
                .addProperty("status", new Schema<>().type("integer").format("int32"))
                .addProperty("detail", new Schema<>().type("string"))
                .addProperty("instance", new Schema<>().type("string").format("uri-reference"));
        schema.setRequired(List.of("type", "title", "status"));
        return schema;
    }

    private void customise(OpenAPI api) {
        var license = new License().name("Proprietary");
        api.info(new Info()
                .title(title)
                .version(version)
                .description(description)
                .license(license));
        if (!servers.isEmpty()) {
            var all = new ArrayList<Server>();
            all.add(new Server().url("/").description("Rescind"));
            all.addAll(servers);
            api.servers(all);
        }
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        schemes.forEach(api.getComponents()::addSecuritySchemes);
        componentSchemes.forEach(api.getComponents()::addSecuritySchemes);
        var requirements = new ArrayList<SecurityRequirement>();
        schemes.keySet().forEach(name -> requirements.add(new SecurityRequirement().addList(name)));
        api.security(requirements);
        errorSchemas.forEach(api.getComponents()::addSchemas);
        if (api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(ApiDocument::anyOfWithoutDiscriminator);
        }
        if (api.getPaths() != null) {
            api.getPaths().forEach(this::customise);
        }
        var used = new TreeMap<String, String>();
        if (api.getPaths() != null) {
            api.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(operation -> {
                        if (operation.getTags() != null) {
                            operation.getTags().forEach(tag -> used.put(tag, tags.getOrDefault(tag, tag)));
                        }
                    }));
        }
        api.tags(used.entrySet().stream()
                .map(tag -> new Tag().name(tag.getKey()).description(tag.getValue()))
                .toList());
        withoutUnusedSchemas(api);
    }

    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([^\"]+)\"");

    /** Schemas springdoc derived for operations of other documents, or that nothing refers to any more. */
    private static void withoutUnusedSchemas(OpenAPI api) {
        var schemas = api.getComponents().getSchemas();
        if (schemas == null || api.getPaths() == null) {
            return;
        }
        var used = new HashSet<String>();
        var pending = new ArrayDeque<String>();
        pending.add(Json.pretty(api.getPaths()));
        while (!pending.isEmpty()) {
            var matcher = SCHEMA_REF.matcher(pending.poll());
            while (matcher.find()) {
                var name = matcher.group(1);
                if (used.add(name) && schemas.containsKey(name)) {
                    pending.add(Json.pretty(schemas.get(name)));
                }
            }
        }
        schemas.keySet().retainAll(used);
    }

    private void customise(String path, PathItem item) {
        item.readOperationsMap().forEach((method, operation) -> customise(path, method, operation));
    }

    private void customise(String path, PathItem.HttpMethod method, Operation operation) {
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        // Open: its own security names none of the API's schemes (a token endpoint, a health check).
        boolean open = operation.getSecurity() != null
                && operation.getSecurity().stream()
                        .noneMatch(requirement -> requirement.keySet().stream().anyMatch(schemes::containsKey));
        if (!open) {
            for (var header : headers) {
                if (operation.getParameters() == null
                        || operation.getParameters().stream()
                                .noneMatch(p -> header.getName().equals(p.getName()))) {
                    operation.addParametersItem(header);
                }
            }
        }
        boolean withBody = operation.getRequestBody() != null;
        // An identifier in the path, or in a required query parameter (Walmart's sku, HL Connect's order_id).
        boolean withPathParameters = path.contains("{")
                || (operation.getParameters() != null
                        && operation.getParameters().stream()
                                .anyMatch(p -> "query".equals(p.getIn()) && Boolean.TRUE.equals(p.getRequired())));
        for (var common : Common.values()) {
            boolean applies = switch (common) {
                case BAD_REQUEST, NOT_ACCEPTABLE, INTERNAL_SERVER_ERROR, SERVICE_UNAVAILABLE -> true;
                case UNAUTHORIZED, FORBIDDEN, TOO_MANY_REQUESTS -> !open && !schemes.isEmpty();
                case NOT_FOUND -> withPathParameters || withBody;
                case CONTENT_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE_CONTENT -> withBody;
            };
            var code = String.valueOf(common.status);
            if (applies && !responses.containsKey(code)) {
                responses.addApiResponse(
                        code,
                        new ApiResponse()
                                .description(HttpStatus.valueOf(common.status).getReasonPhrase()));
            }
        }
        var ordered = new TreeMap<String, ApiResponse>(responses);
        responses.clear();
        ordered.forEach((code, response) -> {
            if (statusBodies.containsKey(code)) {
                response.setContent(statusBodies.get(code));
            } else if (code.startsWith("4") || code.startsWith("5")) {
                withErrorBody(response);
            } else {
                if (response.getContent() != null) {
                    response.getContent().values().stream()
                            .filter(type -> type.getSchema() != null)
                            .forEach(type -> anyOfWithoutDiscriminator(type.getSchema()));
                }
                jsonInsteadOfAnything(response);
                if (successBody != null && response.getContent() != null && isPlainString(response.getContent())) {
                    response.setContent(successBody);
                }
            }
            responses.addApiResponse(code, response);
        });
    }

    private void withErrorBody(ApiResponse response) {
        if (errorSchema == null
                || (response.getContent() != null && !response.getContent().isEmpty())) {
            if (response.getContent() != null && response.getContent().containsKey("*/*") && errorSchema != null) {
                response.setContent(null);
                withErrorBody(response);
            }
            return;
        }
        var content = new Content();
        for (var type : errorMediaTypes) {
            content.addMediaType(
                    type, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + errorSchema)));
        }
        response.setContent(content);
    }

    /**
     * A sealed type's variants (records that share most fields) are not told apart by their
     * schemas, so "exactly one of" would refuse a valid answer: without a discriminator it is
     * "any of".
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void anyOfWithoutDiscriminator(Schema schema) {
        if (schema.getOneOf() != null && schema.getDiscriminator() == null) {
            schema.setAnyOf(schema.getOneOf());
            schema.setOneOf(null);
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(ApiDocument::anyOfWithoutDiscriminator);
        }
        if (schema.getItems() != null) {
            anyOfWithoutDiscriminator(schema.getItems());
        }
    }

    private static boolean isPlainString(Content content) {
        return content.values().stream()
                .allMatch(type -> type.getSchema() != null
                        && type.getSchema().get$ref() == null
                        && ("string".equals(type.getSchema().getType())
                                || (type.getSchema().getTypes() != null
                                        && type.getSchema().getTypes().equals(java.util.Set.of("string")))));
    }

    /** Springdoc's {@code *}{@code /*} for a handler without {@code produces}: the APIs answer JSON. */
    private static void jsonInsteadOfAnything(ApiResponse response) {
        var content = response.getContent();
        if (content != null && content.containsKey("*/*")) {
            var any = content.remove("*/*");
            content.addMediaType("application/json", any);
        }
    }
}
