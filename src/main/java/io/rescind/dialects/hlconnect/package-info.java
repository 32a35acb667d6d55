/** The HL Connect dialect: HL Connect's purchase cancel and info calls, translated to the engine and back. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"http", "cancellation", "orders", "parties"})
package io.rescind.dialects.hlconnect;
