package io.rescind.dialects.walmart;

import io.rescind.parties.ApiKeyFilter;
import io.rescind.signatures.SignedCallers;
import io.rescind.signatures.SignedCallers.SignedRequest;
import io.rescind.signatures.Verification;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Walmart's gateway checks: the {@code WM_*} headers, then either the request signature or an
 * access token of the token flow. Echoes and logs {@code WM_QOS.CORRELATION_ID}. A request
 * already signed in with a Rescind API key skips the Walmart checks.
 */
class SignatureFilter extends OncePerRequestFilter {

    static final String SVC_NAME = "WM_SVC.NAME";
    static final String CORRELATION_ID = "WM_QOS.CORRELATION_ID";
    static final String TIMESTAMP = "WM_SEC.TIMESTAMP";
    static final String SIGNATURE = "WM_SEC.AUTH_SIGNATURE";
    static final String CONSUMER_ID = "WM_CONSUMER.ID";
    static final String CHANNEL_TYPE = "WM_CONSUMER.CHANNEL.TYPE";
    static final String ACCESS_TOKEN = "WM_SEC.ACCESS_TOKEN";

    private static final List<String> SIGNED_HEADERS =
            List.of(SVC_NAME, CORRELATION_ID, TIMESTAMP, SIGNATURE, CONSUMER_ID, CHANNEL_TYPE);

    private static final List<String> TOKEN_HEADERS = List.of(SVC_NAME, CORRELATION_ID);

    private static final Logger log = LoggerFactory.getLogger(SignatureFilter.class);

    private final SignedCallers callers;
    private final Bodies bodies;
    private final WalmartProperties properties;

    SignatureFilter(SignedCallers callers, Bodies bodies, WalmartProperties properties) {
        this.callers = callers;
        this.bodies = bodies;
        this.properties = properties;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var correlationId = request.getHeader(CORRELATION_ID);
        if (correlationId != null) {
            response.setHeader(CORRELATION_ID, correlationId);
            MDC.put("correlationId", correlationId);
        }
        try {
            var consumer = authenticate(request, response);
            if (consumer == null) {
                return;
            }
            chain.doFilter(request, response);
            log.info(
                    "Walmart {} {} consumer={} correlationId={} status={}",
                    request.getMethod(),
                    request.getRequestURI(),
                    consumer,
                    correlationId,
                    response.getStatus());
        } finally {
            MDC.remove("correlationId");
        }
    }

    /** The consumer id signed in (or a placeholder), or null when the request was answered here. */
    private String authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated()) {
            return "(api key)";
        }
        if (request.getRequestURI().equals("/v3/token")) {
            return "(token request)";
        }
        var token = request.getHeader(ACCESS_TOKEN);
        for (var header : token != null ? TOKEN_HEADERS : SIGNED_HEADERS) {
            var value = request.getHeader(header);
            if (value == null || value.isBlank()) {
                bodies.write(
                        request,
                        response,
                        new WalmartError(
                                WalmartError.Code.MISSING_REQUEST_HEADER,
                                WalmartError.GATEWAY,
                                header,
                                header + " set blank or null"));
                return null;
            }
        }
        var verification = token != null
                ? callers.verifyToken(token)
                : callers.verify(new SignedRequest(
                        request.getHeader(CONSUMER_ID),
                        request.getHeader(CHANNEL_TYPE),
                        fullUrl(properties.publicBaseUrl(), request),
                        request.getMethod(),
                        request.getHeader(TIMESTAMP),
                        request.getHeader(SIGNATURE)));
        return switch (verification) {
            case Verification.Verified verified -> {
                ApiKeyFilter.signIn(verified.caller());
                yield verified.consumerId();
            }
            case Verification.Rejected rejected -> {
                log.info(
                        "Walmart request refused: {} ({} {})",
                        rejected.reason(),
                        request.getMethod(),
                        request.getRequestURI());
                bodies.write(
                        request,
                        response,
                        new WalmartError(
                                WalmartError.Code.UNAUTHORIZED, WalmartError.GATEWAY, null, rejected.reason()));
                yield null;
            }
        };
    }

    /** The URL the client signed: as it addressed us, or behind a proxy the configured public one. */
    static String fullUrl(String base, HttpServletRequest request) {
        var url = base == null || base.isBlank()
                ? request.getRequestURL().toString()
                : base.replaceAll("/+$", "") + request.getRequestURI();
        var query = request.getQueryString();
        return query == null ? url : url + "?" + query;
    }
}
