/**
 * Events out: the outbox written in the same transaction as each change, the relay that
 * publishes it in order, signed webhook deliveries with retries, and the optional Kafka topic.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"parties"})
package io.rescind.events;
