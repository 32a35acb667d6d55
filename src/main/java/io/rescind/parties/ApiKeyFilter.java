package io.rescind.parties;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: <scheme> <key>} into a {@link Caller}. A request without such a
 * header goes on anonymous (the authorisation rules decide); one with a wrong key stops here and
 * goes to the entry point, which answers in the shape of the API being called. Each dialect
 * names its scheme ({@code Bearer}, {@code Token} ...).
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final String scheme;
    private final AuthenticationEntryPoint entryPoint;

    public ApiKeyFilter(ApiKeys keys, String scheme, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.scheme = scheme + " ";
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Caller> caller;
        try {
            caller = keys.authenticate(header.substring(scheme.length()).trim(), request.getRemoteAddr());
        } catch (TooManyFailures throttled) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, throttled);
            return;
        }
        if (caller.isEmpty()) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("The API key is not valid"));
            return;
        }
        signIn(caller.get());
        chain.doFilter(request, response);
    }

    /** Makes {@code caller} the authenticated principal of this request. */
    public static void signIn(Caller caller) {
        var authority = new SimpleGrantedAuthority("ROLE_" + caller.role().name());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of(authority)));
        SecurityContextHolder.setContext(context);
    }
}
