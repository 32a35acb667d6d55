/** The outbox: events written in the same transaction as the change they announce. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.rescind.events;
