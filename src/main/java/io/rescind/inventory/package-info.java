/** Stock per seller and SKU, set by sellers and given back by the cancellations that free it. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"orders", "parties", "events"})
package io.rescind.inventory;
