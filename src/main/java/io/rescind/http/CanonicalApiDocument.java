package io.rescind.http;

import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

/** The OpenAPI document of Rescind's own API, {@code /api/v1}: {@code /v3/api-docs/canonical}. */
@Configuration(proxyBeanMethods = false)
class CanonicalApiDocument {

    static final String GROUP = "canonical";

    private final ApiDocument document = ApiDocument.of(GROUP, "Rescind API", "v1", """
                        Rescind's own API: place purchase orders, move their lines, and cancel whole \
                        orders, lines or part of a line's quantity under the seller's cancellation \
                        policy, exactly once (`Idempotency-Key`). Every change is recorded in the \
                        order's history and leaves as a signed webhook.

                        Authenticate with a party's API key: `Authorization: Bearer rk_...`. Errors \
                        are RFC 9457 Problem Details whose `type` (`/problems/<reason>`) is stable \
                        and resolves to a page explaining it.""")
            .paths("/api/v1/**")
            .security(
                    "apiKey",
                    new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .bearerFormat("API key")
                            .description("A party's API key (`rk_...`), as issued by `POST /api/v1/parties`"))
            .errors("Problem", ApiDocument.problemSchema(), Map.of(), MediaType.APPLICATION_PROBLEM_JSON_VALUE)
            .tag("Orders", "Purchase orders and the moves of their lines")
            .tag("Cancellations", "Cancelling lines and orders, and the sellers' cancellation policies")
            .tag("Approvals", "Cancel requests that wait for the other side's decision")
            .tag("Actions", "Cancellations carried out asynchronously")
            .tag("Parties", "Buyers, sellers and operators, and their API keys")
            .tag("Webhooks", "Subscriptions to events and their deliveries")
            .tag("Inventory", "Stock per seller and SKU")
            .tag("Consumers", "Walmart-style signing consumers");

    @Bean
    GroupedOpenApi canonicalApi() {
        return document.build();
    }

    /** {@code /v3/api-docs} itself, where tools look first, is the canonical document too. */
    @Bean
    OpenApiCustomizer canonicalAsDefault() {
        var customizer = document.customizer();
        return api -> {
            if (api.getPaths() != null) {
                api.getPaths().keySet().removeIf(path -> !path.startsWith("/api/v1/"));
            }
            customizer.customise(api);
        };
    }
}
