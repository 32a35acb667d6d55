package io.rescind.http;

import io.rescind.http.Refusal.Reason;
import io.rescind.parties.ApiKeyFilter;
import io.rescind.parties.ApiKeys;
import io.rescind.parties.RateLimitFilter;
import io.rescind.parties.RateLimits;
import io.rescind.parties.SecurityConfiguration;
import io.rescind.parties.TooManyFailures;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.stereotype.Component;

/**
 * The security chain every dialect shares, answering in the dialect's shape through its {@link
 * DialectErrors}: stateless, for the dialect's paths only, 401 and 403 as refusals, rate limits
 * after authentication (429 with {@code Retry-After}), a database outage met while checking
 * credentials as the dialect's 503. The dialect adds its authorisation rules and its own
 * credential filters, then builds.
 */
@Component
public class DialectSecurity {

    private final ApiKeys keys;
    private final RateLimits limits;

    DialectSecurity(ApiKeys keys, RateLimits limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /** The shared part of a dialect's chain for {@code paths}. */
    public HttpSecurity chain(HttpSecurity http, DialectErrors errors, String... paths) {
        var outage = new OutageFilter((request, response) -> errors.write(request, response, Refusals.unavailable()));
        var limited = new RateLimitFilter(
                limits,
                (request, response, seconds) -> errors.write(
                        request,
                        response,
                        Refusal.tooManyRequests(
                                seconds, "Too many requests: send again in %d seconds".formatted(seconds))));
        return SecurityConfiguration.stateless(http)
                .securityMatcher(paths)
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated(errors))
                        .accessDeniedHandler(forbidden(errors)))
                .addFilterBefore(outage, SecurityContextHolderFilter.class)
                .addFilterAfter(limited, AnonymousAuthenticationFilter.class);
    }

    /** Adds Rescind API keys sent as {@code Authorization: <scheme> <key>}. */
    public HttpSecurity apiKeys(HttpSecurity http, String scheme, DialectErrors errors) {
        return http.addFilterBefore(
                new ApiKeyFilter(keys, scheme, unauthenticated(errors)), AnonymousAuthenticationFilter.class);
    }

    /**
     * 401 in the dialect's shape: {@link Reason#BAD_CREDENTIALS} when credentials were sent and
     * failed; 429 when the source address failed too often.
     */
    public static AuthenticationEntryPoint unauthenticated(DialectErrors errors) {
        return (request, response, failure) -> {
            if (failure instanceof TooManyFailures throttled) {
                errors.write(
                        request,
                        response,
                        Refusal.tooManyRequests(throttled.retryAfterSeconds(), throttled.getMessage()));
                return;
            }
            errors.write(
                    request,
                    response,
                    Refusal.of(
                            failure instanceof BadCredentialsException
                                    ? Reason.BAD_CREDENTIALS
                                    : Reason.UNAUTHENTICATED,
                            HttpStatus.UNAUTHORIZED,
                            null,
                            failure.getMessage() == null ? "Unauthorized" : failure.getMessage()));
        };
    }

    public static AccessDeniedHandler forbidden(DialectErrors errors) {
        return (request, response, failure) -> errors.write(
                request,
                response,
                Refusal.of(Reason.FORBIDDEN, HttpStatus.FORBIDDEN, null, "Your role may not do this"));
    }
}
