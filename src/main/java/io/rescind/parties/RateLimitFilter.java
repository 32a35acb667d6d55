package io.rescind.parties;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes each authenticated request from its caller's and tenant's buckets ({@link RateLimits});
 * one over the limit is answered 429 with {@code Retry-After}, in the shape of the API called,
 * before any work is done. Placed after authentication in every API's security chain.
 */
public class RateLimitFilter extends OncePerRequestFilter {

    /** Writes the 429 in the shape of the API being called. */
    @FunctionalInterface
    public interface Refuse {
        void write(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds) throws IOException;
    }

    private final RateLimits limits;
    private final Refuse refuse;

    public RateLimitFilter(RateLimits limits, Refuse refuse) {
        this.limits = limits;
        this.refuse = refuse;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            var verdict = limits.take(caller);
            if (!verdict.allowed()) {
                response.setHeader("Retry-After", Long.toString(verdict.retryAfterSeconds()));
                refuse.write(request, response, verdict.retryAfterSeconds());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
