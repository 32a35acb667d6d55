package io.rescind.parties;

import java.util.LinkedHashMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * Hardening every API chain shares: no sessions, no CSRF (no cookies are ever used), no login
     * pages. Dialects build their own chains on top, for their own paths, ordered before this one.
     */
    public static HttpSecurity stateless(HttpSecurity http) {
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
    }

    /** The canonical API and everything not claimed by a dialect's chain. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, RateLimits limits, JsonMapper json) {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            if (failure instanceof TooManyFailures throttled) {
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                writeProblem(json, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", failure.getMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", "Bearer");
            var detail = failure instanceof BadCredentialsException
                    ? failure.getMessage()
                    : "Send an API key as 'Authorization: Bearer <key>'";
            writeProblem(json, response, HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
        };
        AccessDeniedHandler forbidden = (request, response, failure) ->
                writeProblem(json, response, HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this");
        return stateless(http)
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health/**",
                                "/actuator/health",
                                "/actuator/prometheus",
                                "/actuator/info",
                                "/v3/api-docs/**",
                                "/v3/api-docs",
                                "/swagger-ui/**",
                                "/swagger-ui.html",
                                "/error",
                                "/problems/**")
                        .permitAll()
                        .requestMatchers("/api/v1/parties/**", "/api/v1/parties")
                        .hasRole(PartyRole.OPERATOR.name())
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .addFilterBefore(new ApiKeyFilter(keys, "Bearer", unauthenticated), AnonymousAuthenticationFilter.class)
                .addFilterAfter(
                        new RateLimitFilter(
                                limits,
                                (request, response, seconds) -> writeProblem(
                                        json,
                                        response,
                                        HttpStatus.TOO_MANY_REQUESTS,
                                        "too-many-requests",
                                        "Too many requests: send again in %d seconds".formatted(seconds))),
                        AnonymousAuthenticationFilter.class)
                .build();
    }

    /** Keeps Spring Boot from creating a default user with a generated password. */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    static void writeProblem(
            JsonMapper json,
            jakarta.servlet.http.HttpServletResponse response,
            HttpStatus status,
            String type,
            String detail)
            throws java.io.IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", "/problems/" + type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
