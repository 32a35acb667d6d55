/**
 * The Walmart Marketplace Canada dialect: its order, cancel, acknowledge, inventory and token
 * endpoints, signature-authenticated, translated to the engine and back.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"http", "cancellation", "orders", "parties", "signatures", "inventory"})
package io.rescind.dialects.walmart;
