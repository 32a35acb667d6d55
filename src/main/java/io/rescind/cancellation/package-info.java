/** The services that cancel through the purchase order: cancel, decide, expire, revert, seller policies, and what was asked. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"orders", "parties", "http"})
package io.rescind.cancellation;
