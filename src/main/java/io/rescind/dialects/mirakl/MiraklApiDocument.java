package io.rescind.dialects.mirakl;

import io.rescind.http.ApiDocument;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Mirakl Connect dialect's OpenAPI document: {@code /v3/api-docs/mirakl}. */
@Configuration(proxyBeanMethods = false)
class MiraklApiDocument {

    @Bean
    GroupedOpenApi miraklApi() {
        var item = new Schema<>()
                .type("object")
                .addProperty("message", new Schema<>().type("string"))
                .addProperty("field", new Schema<>().type("string"))
                .addProperty("extensions", new Schema<>().type("object"));
        var error = new Schema<>()
                .type("object")
                .description("Mirakl Connect's error body")
                .addProperty("code", new Schema<>().type("string").example("DATA_NOT_FOUND"))
                .addProperty("message", new Schema<>().type("string"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ErrorItem")))
                .addProperty("extensions", new Schema<>().type("object"));
        error.setRequired(List.of("code", "message"));
        var oauth = new Schema<>()
                .type("object")
                .description("An OAuth 2.0 error (RFC 6749, section 5.2)")
                .addProperty("error", new Schema<>().type("string").example("invalid_client"))
                .addProperty("error_description", new Schema<>().type("string"));
        oauth.setRequired(List.of("error"));
        return ApiDocument.of("mirakl", "Rescind: Mirakl Connect dialect", "2", """
                        The part of Mirakl Connect's orders API that Rescind answers: cancelling order \
                        lines (carried out asynchronously, as an action to poll) and reading orders. \
                        Every call is served both at the root and under `/api` (Mirakl's own server \
                        URL ends with `/api`). Authenticate with a bearer token from \
                        `/mirakl/oauth/token` or a Rescind API key.""")
                .paths("/v2/orders", "/v2/orders/**", "/mirakl/oauth/token")
                .server("/api", "Under /api, as Mirakl's server URL has it")
                .security(
                        "bearer",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("A token from `/mirakl/oauth/token`, or a Rescind API key"))
                .errors("Error", error, Map.of("ErrorItem", item, "OAuthError", oauth), "application/json")
                .tag("Orders", "Orders and cancelling their lines")
                .tag("Authentication", "OAuth 2.0 client credentials")
                .build();
    }
}
