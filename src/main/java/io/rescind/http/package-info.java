/** HTTP concerns shared by every endpoint: Problem Details for errors and a bound on request bodies. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.rescind.http;
