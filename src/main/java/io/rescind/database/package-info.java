/** Where the data lives: an embedded PostgreSQL when no datasource is configured. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.rescind.database;
