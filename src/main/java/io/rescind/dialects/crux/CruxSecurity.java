package io.rescind.dialects.crux;

import io.rescind.parties.ApiKeyFilter;
import io.rescind.parties.ApiKeys;
import io.rescind.parties.SecurityConfiguration;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

/** Crux's paths take {@code Authorization: Token <key>}; 401 and 403 come in the dialect's shape. */
@Configuration(proxyBeanMethods = false)
class CruxSecurity {

    static final String[] PATHS = {"/orders/**", "/timp/**"};

    @Bean
    @Order(30)
    SecurityFilterChain crux(HttpSecurity http, ApiKeys keys, JsonMapper json) {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Token");
            write(
                    json,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    failure instanceof BadCredentialsException
                            ? "Invalid token."
                            : "Authentication credentials were not provided.");
        };
        AccessDeniedHandler forbidden = (request, response, failure) ->
                write(json, response, HttpStatus.FORBIDDEN, "You do not have permission to perform this action.");
        return SecurityConfiguration.stateless(http)
                .securityMatcher(PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyFilter(keys, "Token", unauthenticated), AnonymousAuthenticationFilter.class)
                .build();
    }

    private static void write(JsonMapper json, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), new CruxError.Body(detail));
    }
}
