/** Purchase orders and their lines: the aggregate, its lifecycle and its history. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"parties", "events"})
package io.rescind.orders;
