package io.rescind.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param backlogRefresh how long one round of backlog queries serves the gauges
 */
@ConfigurationProperties("rescind.operations")
record OperationsProperties(@DefaultValue("10s") Duration backlogRefresh) {}
