/** The cancellation engine: the one place where lines are cancelled, under a policy. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"orders", "parties", "http"})
package io.rescind.cancellation;
