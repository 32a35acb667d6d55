package io.rescind.dialects.walmart;

import io.rescind.http.ApiDocument;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Walmart Marketplace Canada dialect's OpenAPI document: {@code /v3/api-docs/walmart-ca}. */
@Configuration(proxyBeanMethods = false)
class WalmartApiDocument {

    @Bean
    GroupedOpenApi walmartApi() {
        var entry = new Schema<>()
                .type("object")
                .addProperty("code", new Schema<>().type("string").example("CONTENT_NOT_FOUND.GMP_ORDER_API"))
                .addProperty("field", new Schema<>().type(null).types(java.util.Set.of("string", "null")))
                .addProperty("description", new Schema<>().type("string"))
                .addProperty("info", new Schema<>().type("string"))
                .addProperty("severity", new Schema<>().type("string"))
                .addProperty("category", new Schema<>().type("string"))
                .addProperty("causes", new Schema<>())
                .addProperty("errorIdentifiers", new Schema<>());
        entry.setRequired(List.of("code", "description"));
        var entries = new Schema<>()
                .type("object")
                .addProperty("error", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ErrorEntry")));
        entries.setRequired(List.of("error"));
        var error = new Schema<>()
                .type("object")
                .description("Walmart's gateway error body (in XML, an `errors` element of `error` elements)")
                .addProperty("errors", entries);
        error.setRequired(List.of("errors"));
        return ApiDocument.of("walmart-ca", "Rescind: Walmart Marketplace Canada dialect", "3", """
                        The part of Walmart Marketplace Canada's orders and inventory APIs that Rescind \
                        answers, in JSON or XML (`Accept`, `Content-Type`). Calls are signed \
                        (`WM_SEC.AUTH_SIGNATURE` over consumer id, URL, method and \
                        `WM_SEC.TIMESTAMP`, which must be within the clock window; a signature is \
                        accepted once) or carry a `WM_SEC.ACCESS_TOKEN` from `/v3/token`; a Rescind API \
                        key as Bearer also works, for tooling.""")
                .paths("/v3/ca/**", "/v3/token")
                .security(
                        "signature",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("WM_SEC.AUTH_SIGNATURE")
                                .description("RSA-SHA256 signature of `consumerId\\nurl\\nMETHOD\\ntimestamp\\n`, with"
                                        + " `WM_CONSUMER.ID`, `WM_SEC.TIMESTAMP` and `WM_CONSUMER.CHANNEL.TYPE`"))
                .security(
                        "accessToken",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER)
                                .name("WM_SEC.ACCESS_TOKEN")
                                .description("A token from `POST /v3/token`"))
                .security(
                        "apiKey",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("API key")
                                .description("A Rescind API key, for tooling"))
                .scheme(
                        "clientCredentials",
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("The consumer's client id and secret"))
                .header("WM_SVC.NAME", true, "Walmart service name, e.g. `Walmart Marketplace`")
                .header("WM_QOS.CORRELATION_ID", true, "A correlation id, echoed in the answer")
                .header("WM_CONSUMER.ID", false, "The consumer id (signed calls)")
                .header("WM_SEC.TIMESTAMP", false, "Epoch milliseconds of the signature (signed calls)")
                .header("WM_CONSUMER.CHANNEL.TYPE", false, "The channel type (signed calls)")
                .errors("Error", error, Map.of("ErrorEntry", entry), "application/json", "application/xml")
                .successBody(Map.of(
                        "application/json",
                        new Schema<>()
                                .type("object")
                                .description("The Walmart document (order, order list, inventory, token) as JSON"),
                        "application/xml",
                        new Schema<>().type("object").description("The same document as XML, in Walmart's namespaces")))
                .tag("Orders", "Orders and cancelling their lines")
                .tag("Inventory", "Inventory per SKU")
                .tag("Authentication", "The token flow")
                .build();
    }
}
