package io.rescind.dialects.hlconnect;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HL Connect dialect.
 *
 * @param environment the value of the {@code X-Environment} header on successful answers, as HL
 *     Connect tells its production and sandbox hosts apart
 */
@ConfigurationProperties("rescind.dialects.hlconnect")
record HlConnectProperties(@DefaultValue("production") String environment) {}
