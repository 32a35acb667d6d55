package io.rescind.dialects.walmart;

import io.rescind.http.DialectSecurity;
import io.rescind.parties.ApiKeyFilter;
import io.rescind.parties.ApiKeys;
import io.rescind.parties.PartyRole;
import io.rescind.signatures.SignedCallers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
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
            HttpSecurity http,
            ApiKeys keys,
            DialectSecurity security,
            SignedCallers callers,
            Bodies bodies,
            WalmartProperties properties,
            WalmartErrorAdvice errors) {
        var signatures = new SignatureFilter(callers, bodies, properties);
        return security.chain(http, errors, "/v3/ca/**", "/v3/token")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/v3/token")
                        .permitAll()
                        .anyRequest()
                        .hasAnyRole(PartyRole.SELLER.name(), PartyRole.OPERATOR.name()))
                .addFilterBefore(signatures, AnonymousAuthenticationFilter.class)
                .addFilterBefore(
                        new ApiKeyFilter(keys, "Bearer", DialectSecurity.unauthenticated(errors)),
                        SignatureFilter.class)
                .build();
    }
}
