package io.rescind.dialects.hlconnect;

import io.rescind.http.ApiDocument;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hlconnect group lists the dialect in Swagger UI. What {@code /v3/api-docs/hlconnect} serves
 * is the hand-written document ({@link HlConnectApiDocs}, whose mapping wins over springdoc's);
 * springdoc's derivation of the same controllers, which tests compare it with, stays reachable
 * to the tests through springdoc's resource.
 */
@Configuration(proxyBeanMethods = false)
class HlConnectGroup {

    static final String GROUP = "hlconnect";

    @Bean
    GroupedOpenApi hlconnectApi() {
        return ApiDocument.of(GROUP, "Rescind: HL Connect dialect", "0.2", "Derived from the controllers")
                .paths("/purchase/**", "/health")
                .security(
                        "access_token",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                .build();
    }
}
