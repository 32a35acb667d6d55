package io.rescind.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when the database cannot be reached by code that runs before any controller (an API
 * key checked in a security filter), where no exception handler of Spring MVC sees the failure.
 * One instance, answering Problem Details, stands in front of everything; a dialect puts one of its
 * own at the head of its security chain to answer in its vendor's shape.
 */
public class OutageFilter extends OncePerRequestFilter {

    /** Writes the 503 in the shape of the API being called. */
    @FunctionalInterface
    public interface Answer {
        void write(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private static final Logger log = LoggerFactory.getLogger(OutageFilter.class);

    private final Answer answer;

    public OutageFilter(Answer answer) {
        this.answer = answer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException failure) {
            if (!DatabaseUnavailable.isCauseOf(failure) || response.isCommitted()) {
                throw failure;
            }
            log.warn(
                    "{} {} answered 503, the database is unavailable: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.getMessage());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", DatabaseUnavailable.RETRY_AFTER_SECONDS);
            answer.write(request, response);
        }
    }
}
