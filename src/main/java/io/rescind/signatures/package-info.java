/**
 * Credentials of parties that sign their requests instead of sending a key: RSA public keys
 * checked against request signatures, client secrets exchanged for short-lived access tokens.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"parties"})
package io.rescind.signatures;
