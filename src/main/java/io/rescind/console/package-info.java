/**
 * The console: server-rendered pages for the people who handle cancellations, signed in with
 * their party's API key, calling the same application services as the REST API.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"orders", "cancellation", "parties", "events", "actions"})
package io.rescind.console;
