package io.rescind.dialects.hlconnect;

import io.rescind.http.DialectSecurity;
import io.rescind.parties.SecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * HL Connect's purchase paths take {@code Authorization: Bearer <key>} and answer 401 and 403 in
 * HL Connect's shape; its health call is public.
 */
@Configuration(proxyBeanMethods = false)
class HlConnectSecurity {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 6)
    SecurityFilterChain hlconnect(HttpSecurity http, DialectSecurity security, HlConnectErrors errors) {
        return security.apiKeys(security.chain(http, errors, "/purchase/**", "/health"), "Bearer", errors)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .build();
    }

    /** Health is public, and a key sent along anyway (as some clients always do) is not looked at. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 7)
    SecurityFilterChain hlconnectHealth(HttpSecurity http) {
        return SecurityConfiguration.stateless(http)
                .securityMatcher("/health")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
