package io.rescind.dialects.hlconnect;

import io.rescind.parties.ApiKeyFilter;
import io.rescind.parties.ApiKeys;
import io.rescind.parties.SecurityConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * HL Connect's purchase paths take {@code Authorization: Bearer <key>} and answer 401 and 403 in
 * HL Connect's shape; its health call is public.
 */
@Configuration(proxyBeanMethods = false)
class HlConnectSecurity {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 6)
    SecurityFilterChain hlconnect(HttpSecurity http, ApiKeys keys, JsonMapper json) {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            var message = failure instanceof BadCredentialsException
                    ? "Invalid access token"
                    : "Missing access token: send 'Authorization: Bearer <key>'";
            write(json, response, HttpStatus.UNAUTHORIZED, "Unauthorized", message);
        };
        AccessDeniedHandler forbidden = (request, response, failure) ->
                write(json, response, HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this");
        return SecurityConfiguration.stateless(http)
                .securityMatcher("/purchase/**", "/health")
                .authorizeHttpRequests(requests -> requests.requestMatchers("/health")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyFilter(keys, "Bearer", unauthenticated), AnonymousAuthenticationFilter.class)
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

    private static void write(
            JsonMapper json, HttpServletResponse response, HttpStatus status, String name, String message)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ErrorResponse.of(status, name, message));
    }
}
