/** Tenants, the parties inside them, their API keys, and who is calling. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package io.rescind.parties;
