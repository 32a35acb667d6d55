/** The CRUXconnect dialect: its retailer and supplier cancel calls and its order shape, on the engine. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"http", "cancellation", "orders", "parties"})
package io.rescind.dialects.crux;
