package io.rescind.dialects.walmart;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl the scheme, host and port clients address (e.g. {@code
 *     https://walmart.rescind.example}) when Rescind runs behind a proxy that rewrites them; the
 *     signed URL is this plus the path and query as received. Unset: the URL of the request as
 *     received.
 */
@ConfigurationProperties("rescind.walmart")
record WalmartProperties(String publicBaseUrl) {}
