package io.rescind.http;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBody the largest request body accepted; larger ones get 413 before any work is done */
@ConfigurationProperties("rescind.http")
record RequestLimits(@DefaultValue("1MB") DataSize maxBody) {}
