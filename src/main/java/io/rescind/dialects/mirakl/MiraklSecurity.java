package io.rescind.dialects.mirakl;

import io.rescind.http.DialectSecurity;
import io.rescind.parties.ApiKeyFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call the Mirakl endpoints: {@code Authorization: Bearer} with either a token from the
 * client-credentials endpoint, limited to its scopes, or a Rescind API key, which carries every
 * scope. 401 and 403 come in Mirakl's {@code Error} shape.
 */
@Configuration(proxyBeanMethods = false)
class MiraklSecurity {

    /** Marks an authentication made from a token, whose scopes then limit it. */
    private static final String TOKEN = "MIRAKL_TOKEN";

    @Bean
    @Order(40)
    SecurityFilterChain mirakl(HttpSecurity http, DialectSecurity security, MiraklTokens tokens, MiraklErrors errors) {
        var chain = security.chain(
                http,
                errors,
                "/v2/orders",
                "/v2/orders/**",
                "/api/v2/orders",
                "/api/v2/orders/**",
                TokenController.PATH);
        return security.apiKeys(chain, "Bearer", errors)
                .authorizeHttpRequests(requests -> requests.requestMatchers(TokenController.PATH)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/v2/orders/*/cancel", "/api/v2/orders/*/cancel")
                        .access(scope(MiraklTokens.CANCEL))
                        .requestMatchers(HttpMethod.GET, "/v2/orders/actions/*", "/api/v2/orders/actions/*")
                        .access(scope(MiraklTokens.ACTION_READ))
                        .requestMatchers(HttpMethod.GET, "/v2/orders/tracking/*", "/api/v2/orders/tracking/*")
                        .access(scope(MiraklTokens.ACTION_READ, MiraklTokens.TRACKING_READ))
                        .requestMatchers(HttpMethod.GET, "/v2/orders", "/api/v2/orders")
                        .access(scope(MiraklTokens.ORDER_READ))
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new TokenFilter(tokens, DialectSecurity.unauthenticated(errors)), ApiKeyFilter.class)
                .build();
    }

    /** Granted to a signed-in caller: any API key, or a token carrying one of the scopes. */
    private static AuthorizationManager<RequestAuthorizationContext> scope(String... anyOf) {
        return (authentication, context) -> {
            var auth = authentication.get();
            if (auth == null || !(auth.getPrincipal() instanceof io.rescind.parties.Caller)) {
                return new AuthorizationDecision(false);
            }
            var authorities = auth.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .toList();
            if (!authorities.contains(TOKEN)) {
                return new AuthorizationDecision(true);
            }
            return new AuthorizationDecision(Set.of(anyOf).stream().anyMatch(s -> authorities.contains("SCOPE_" + s)));
        };
    }

    /** Signs in the caller of a valid token; answers 401 for a forged or expired one. */
    static final class TokenFilter extends OncePerRequestFilter {

        private final MiraklTokens tokens;
        private final AuthenticationEntryPoint entryPoint;

        TokenFilter(MiraklTokens tokens, AuthenticationEntryPoint entryPoint) {
            this.tokens = tokens;
            this.entryPoint = entryPoint;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                chain.doFilter(request, response);
                return;
            }
            var credential = header.substring(7).trim();
            if (!MiraklTokens.looksLikeJwt(credential)) {
                chain.doFilter(request, response);
                return;
            }
            var grant = tokens.verify(credential, Instant.now());
            if (grant.isEmpty()) {
                SecurityContextHolder.clearContext();
                entryPoint.commence(
                        request, response, new BadCredentialsException("The token is not valid or has expired"));
                return;
            }
            var authorities = new ArrayList<GrantedAuthority>();
            authorities.add(new SimpleGrantedAuthority(TOKEN));
            authorities.add(new SimpleGrantedAuthority(
                    "ROLE_" + grant.get().caller().role().name()));
            grant.get().scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
            var context = SecurityContextHolder.createEmptyContext();
            Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(
                    grant.get().caller(), null, authorities);
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
            // The credential is used up: the API-key filter after this one must not read it as a key.
            chain.doFilter(
                    new jakarta.servlet.http.HttpServletRequestWrapper(request) {
                        @Override
                        public String getHeader(String name) {
                            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? null : super.getHeader(name);
                        }
                    },
                    response);
        }
    }
}
