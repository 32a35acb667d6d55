package io.rescind.dialects.tradecloud;

import io.rescind.http.ApiDocument;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Tradecloud dialect's OpenAPI document: {@code /v3/api-docs/tradecloud}. */
@Configuration(proxyBeanMethods = false)
class TradecloudApiDocument {

    @Bean
    GroupedOpenApi tradecloudApi() {
        var error = new Schema<>()
                .type("object")
                .description("Tradecloud's error body")
                .addProperty("ok", new Schema<>().type("boolean").example(false))
                .addProperty("message", new Schema<>().type("string"));
        error.setRequired(List.of("ok", "message"));
        return ApiDocument.of("tradecloud", "Rescind: Tradecloud dialect", "2", """
                        The part of Tradecloud's API connector and order API that Rescind answers: \
                        orders, their updates and indicators from the buyer, order responses from the \
                        supplier, reverting cancelled lines. Authenticate per request with `Basic \
                        base64(partyId:apiKey)` or `Bearer <apiKey>`; a failed authentication is \
                        Tradecloud's plain-text 401.""")
                .paths("/v2/api-connector/**", "/v2/order/**", "/v2/authentication/**")
                .security(
                        "basic",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("The party's id as user name and its API key as password"))
                .security(
                        "bearer",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("The party's API key, or the access token of a login"))
                .errors("Error", error, Map.of(), "application/json")
                .errorBody(
                        401,
                        "text/plain",
                        new Schema<>().type("string").example("The supplied authentication is invalid"))
                .tag("Orders", "Orders, order responses and indicators")
                .tag("Authentication", "Logging in and refreshing tokens")
                .build();
    }
}
