package io.rescind.console;

import io.rescind.parties.ApiKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose API key was revoked: each request checks the key's fingerprint
 * (kept in the session at sign-in, never the key) as the API checks keys, so a revoked key signs
 * its sessions out within the same key cache period as it stops working on the API.
 */
class KeyStillValid extends OncePerRequestFilter {

    static final String FINGERPRINT = KeyStillValid.class.getName() + ".fingerprint";

    private final ApiKeys keys;

    KeyStillValid(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var session = request.getSession(false);
        if (session != null
                && session.getAttribute(FINGERPRINT) instanceof String fingerprint
                && keys.stillValid(fingerprint).isEmpty()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            response.sendRedirect(request.getContextPath() + ConsoleSecurity.SIGN_IN + "?ended");
            return;
        }
        chain.doFilter(request, response);
    }
}
