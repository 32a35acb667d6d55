package io.rescind.dialects.tradecloud;

import io.rescind.http.DialectSecurity;
import io.rescind.parties.ApiKeyFilter;
import io.rescind.parties.ApiKeys;
import io.rescind.parties.Caller;
import io.rescind.parties.TooManyFailures;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tradecloud's paths take {@code Authorization: Basic base64(partyId:apiKey)} or {@code
 * Authorization: Bearer <apiKey>}; a failure is Tradecloud's plain-text 401.
 */
@Configuration(proxyBeanMethods = false)
class TradecloudSecurity {

    static final String[] PATHS = {"/v2/api-connector/**", "/v2/order/**", "/v2/authentication/**"};
    static final String INVALID = "The supplied authentication is invalid";

    @Bean
    @Order(50)
    SecurityFilterChain tradecloud(HttpSecurity http, ApiKeys keys, DialectSecurity security, TradecloudErrors errors) {
        var unauthenticated = DialectSecurity.unauthenticated(errors);
        return security.apiKeys(security.chain(http, errors, PATHS), "Bearer", errors)
                // Refresh carries only a Refresh-Token header, checked by the controller.
                .authorizeHttpRequests(requests -> requests.requestMatchers(TradecloudTokens.REFRESH)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new BasicFilter(keys, unauthenticated), AnonymousAuthenticationFilter.class)
                .build();
    }

    /**
     * Tradecloud's per-request Basic authentication, with the party's id as the user name and its
     * API key as the password. The key alone identifies the party; the user name must agree with it.
     */
    static final class BasicFilter extends OncePerRequestFilter {

        private static final String SCHEME = "Basic ";

        private final ApiKeys keys;
        private final AuthenticationEntryPoint entryPoint;

        BasicFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint) {
            this.keys = keys;
            this.entryPoint = entryPoint;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                chain.doFilter(request, response);
                return;
            }
            Optional<Caller> caller;
            try {
                caller = authenticate(header.substring(SCHEME.length()).trim(), request.getRemoteAddr());
            } catch (TooManyFailures throttled) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, throttled);
                return;
            }
            if (caller.isEmpty()) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(request, response, new BadCredentialsException(INVALID));
                return;
            }
            ApiKeyFilter.signIn(caller.get());
            chain.doFilter(request, response);
        }

        private Optional<Caller> authenticate(String credentials, String source) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            var user = decoded.substring(0, colon);
            return keys.authenticate(decoded.substring(colon + 1), source)
                    .filter(caller -> caller.partyId().toString().equalsIgnoreCase(user));
        }
    }
}
