package io.rescind.dialects.mirakl;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OAuth2 tokens of the Mirakl dialect.
 *
 * @param secret the HMAC-SHA256 key tokens are signed with, at least 32 bytes; every instance
 *     must share it. Unset, each instance makes a random one, so tokens last until it restarts.
 * @param ttl how long a token is valid
 */
@ConfigurationProperties("rescind.mirakl.tokens")
record TokenProperties(String secret, @DefaultValue("1h") Duration ttl) {}
