package io.rescind.parties;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The administration API ({@code /api/v1/admin/**}): only the configured administrator key opens
 * it, compared in constant time; without a configured key it is closed to everyone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
class AdminSecurity {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE - 10)
    SecurityFilterChain administration(HttpSecurity http, AdminProperties properties, JsonMapper json)
            throws Exception {
        return SecurityConfiguration.stateless(http)
                .securityMatcher("/api/v1/admin/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("ADMINISTRATOR"))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(
                                (request, response, failure) -> refuse(json, response, properties.key() != null))
                        .accessDeniedHandler(
                                (request, response, failure) -> refuse(json, response, properties.key() != null)))
                .addFilterBefore(new AdminKeyFilter(properties.key()), AnonymousAuthenticationFilter.class)
                .build();
    }

    private static void refuse(JsonMapper json, HttpServletResponse response, boolean configured) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        SecurityConfiguration.writeProblem(
                json,
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthenticated",
                configured
                        ? "Send the administrator key as 'Authorization: Bearer <key>'"
                        : "Tenant administration is off: no administrator key is configured (rescind.admin.key)");
    }

    /** Signs in the administrator when the request carries its key; anything else stays anonymous. */
    private static final class AdminKeyFilter extends OncePerRequestFilter {

        private final byte[] expected;

        AdminKeyFilter(String key) {
            this.expected = key == null ? null : digest(key);
        }

        /** The key's SHA-256, as API keys are stored: compared in constant time. */
        private static byte[] digest(String key) {
            return ApiKeys.hash(key).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (expected != null
                    && header != null
                    && header.regionMatches(true, 0, "Bearer ", 0, 7)
                    && MessageDigest.isEqual(
                            expected, digest(header.substring(7).strip()))) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        new Administrator(), null, List.of(new SimpleGrantedAuthority("ROLE_ADMINISTRATOR"))));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }
    }
}
