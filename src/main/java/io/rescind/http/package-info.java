/**
 * HTTP concerns shared by every API: one translation of failures into refusals, each API's error
 * shape and security chain built on it, strict JSON, Problem Details, and a bound on request bodies.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"parties"})
package io.rescind.http;
