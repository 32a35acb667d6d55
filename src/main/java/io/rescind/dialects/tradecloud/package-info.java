/** The Tradecloud API v2 dialect: orders and indicators sent by buyers, responses by suppliers, on the engine. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"http", "actions", "cancellation", "orders", "parties"})
package io.rescind.dialects.tradecloud;
