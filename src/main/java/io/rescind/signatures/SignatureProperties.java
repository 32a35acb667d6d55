package io.rescind.signatures;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxSkew how far a signed request's timestamp may lie from our clock, either way; older
 *     requests are refused, so a captured request cannot be replayed later
 * @param tokenLifetime how long an access token of the token flow is accepted
 * @param consumerCache how long a consumer that signed a request is remembered with its decoded
 *     key (0: not at all); a consumer removed from the database stops working within it
 */
@ConfigurationProperties("rescind.signatures")
record SignatureProperties(
        @DefaultValue("5m") Duration maxSkew,
        @DefaultValue("15m") Duration tokenLifetime,
        @DefaultValue("10s") Duration consumerCache) {}
