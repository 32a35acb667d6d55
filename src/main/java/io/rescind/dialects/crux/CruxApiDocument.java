package io.rescind.dialects.crux;

import io.rescind.http.ApiDocument;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Crux dialect's OpenAPI document: {@code /v3/api-docs/crux}. */
@Configuration(proxyBeanMethods = false)
class CruxApiDocument {

    @Bean
    GroupedOpenApi cruxApi() {
        var error = new Schema<>()
                .type("object")
                .description("Crux's error body")
                .addProperty("detail", new Schema<>().type("string").example("Order item not found."));
        error.setRequired(List.of("detail"));
        return ApiDocument.of("crux", "Rescind: CRUXconnect dialect", "1", """
                        The CRUXconnect order-cancel calls, answered by Rescind's engine. Retailers \
                        (buyers) ask for a cancel, which waits for the supplier (seller) to confirm or \
                        reject it; a seller's own cancellation policy can choose otherwise. Every call is \
                        also served under `/timp` (second server). Paths end with `/`, as Crux's do.""")
                .paths("/orders/**")
                .server("/timp", "The same calls under /timp")
                .security(
                        "token",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("Authorization")
                                .description("`Authorization: Token <key>` with the party's Rescind API key"))
                .errors("Error", error, Map.of(), "application/json")
                .tag("Orders", "Cancel requests on orders and items, and their decisions")
                .build();
    }
}
