package io.rescind.dialects.mirakl;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the short-lived JWTs (HS256) of Mirakl's client-credentials flow. A token
 * names the party (subject), its tenant and role, and the scopes it grants.
 */
@Component
class MiraklTokens {

    static final String CANCEL = "connect:order:cancel";
    static final String ACTION_READ = "connect:order:action:read";
    static final String TRACKING_READ = "connect:order-tracking:read";
    static final String ORDER_READ = "connect:order:read";
    static final Set<String> SCOPES = Set.of(CANCEL, ACTION_READ, TRACKING_READ, ORDER_READ);

    private static final Logger log = LoggerFactory.getLogger(MiraklTokens.class);
    private static final String ISSUER = "rescind/mirakl";

    /** A verified token: who calls, with which scopes. */
    record Grant(Caller caller, Set<String> scopes) {}

    private final byte[] secret;
    private final Duration ttl;

    MiraklTokens(TokenProperties properties) {
        if (properties.secret() == null || properties.secret().isBlank()) {
            log.warn("rescind.mirakl.tokens.secret is not set: Mirakl tokens are signed with a random key"
                    + " and are valid on this instance only, until it stops");
            this.secret = new byte[32];
            new SecureRandom().nextBytes(this.secret);
        } else {
            this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException("rescind.mirakl.tokens.secret must be at least 32 bytes");
            }
        }
        this.ttl = properties.ttl();
    }

    Duration ttl() {
        return ttl;
    }

    String issue(Caller caller, Set<String> scopes, Instant now) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(caller.partyId().toString())
                .claim("tenant", caller.tenantId().toString())
                .claim("role", caller.role().name())
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The grant of a token that is well formed, signed by us, and not expired. */
    Optional<Grant> verify(String token, Instant now) {
        try {
            var jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            var claims = jwt.getJWTClaimsSet();
            var expires = claims.getExpirationTime();
            if (!ISSUER.equals(claims.getIssuer())
                    || expires == null
                    || !expires.toInstant().isAfter(now)) {
                return Optional.empty();
            }
            var caller = new Caller(
                    UUID.fromString(claims.getStringClaim("tenant")),
                    UUID.fromString(claims.getSubject()),
                    PartyRole.valueOf(claims.getStringClaim("role")));
            var scope = claims.getStringClaim("scope");
            var scopes = scope == null ? Set.<String>of() : new LinkedHashSet<>(Arrays.asList(scope.split(" ")));
            return Optional.of(new Grant(caller, scopes));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException malformed) {
            return Optional.empty();
        }
    }

    /** Compact JWS has three dot-separated parts; Rescind API keys have none. */
    static boolean looksLikeJwt(String credential) {
        return credential.chars().filter(c -> c == '.').count() == 2;
    }
}
