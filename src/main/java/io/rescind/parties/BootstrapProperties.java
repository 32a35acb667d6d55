package io.rescind.parties;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * First-start set-up.
 *
 * @param demo on an empty database, create a buyer, a seller and an operator and log their keys
 * @param operatorKey an operator key to accept from the start, so automation needs no log reading
 */
@ConfigurationProperties("rescind.bootstrap")
record BootstrapProperties(@DefaultValue("true") boolean demo, String operatorKey) {}
