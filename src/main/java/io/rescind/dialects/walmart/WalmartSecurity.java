package io.rescind.dialects.walmart;

import io.rescind.parties.ApiKeyFilter;
import io.rescind.parties.ApiKeys;
import io.rescind.parties.PartyRole;
import io.rescind.parties.SecurityConfiguration;
import io.rescind.signatures.SignedCallers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The Walmart paths authenticate by request signature or access token (and, for operators'
 * tooling, a Rescind API key as Bearer); every refusal in Walmart's error shape.
 */
@Configuration(proxyBeanMethods = false)
class WalmartSecurity {

    @Bean
    @Order(30)
    SecurityFilterChain walmart(
            HttpSecurity http, ApiKeys keys, SignedCallers callers, Bodies bodies, WalmartProperties properties) {
        AuthenticationEntryPoint unauthorized = (request, response, failure) -> bodies.write(
                request,
                response,
                new WalmartError(
                        WalmartError.Code.UNAUTHORIZED,
                        WalmartError.GATEWAY,
                        null,
                        failure.getMessage() == null ? "Unauthorized" : failure.getMessage()));
        AccessDeniedHandler forbidden = (request, response, failure) -> bodies.write(
                request,
                response,
                new WalmartError(
                        WalmartError.Code.FORBIDDEN,
                        WalmartError.GATEWAY,
                        null,
                        "Only sellers (and operators) use the Walmart API"));
        var signatures = new SignatureFilter(callers, bodies, properties);
        return SecurityConfiguration.stateless(http)
                .securityMatcher("/v3/ca/**", "/v3/token")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/v3/token")
                        .permitAll()
                        .anyRequest()
                        .hasAnyRole(PartyRole.SELLER.name(), PartyRole.OPERATOR.name()))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .addFilterBefore(signatures, AnonymousAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyFilter(keys, "Bearer", unauthorized), SignatureFilter.class)
                .build();
    }
}
