/** The Mirakl Connect dialect: its order, cancel and action endpoints and its OAuth2 tokens, translated to the engine. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"actions", "cancellation", "orders", "parties", "http"})
package io.rescind.dialects.mirakl;
