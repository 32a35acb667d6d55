/** Asynchronous actions: commands accepted now, stored as rows and carried out by any instance's worker, in order per ordering key. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"cancellation", "orders", "parties", "events"})
package io.rescind.actions;
