/** Bulk cancellations: jobs that cancel many orders, each order in its own transaction through the engine, with a result per order. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"cancellation", "orders", "parties"})
package io.rescind.bulk;
