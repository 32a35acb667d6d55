package io.rescind.signatures;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.parties.Caller;
import io.rescind.parties.Parties;
import io.rescind.parties.PartyRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs callers in by request signature or access token, and registers the consumers that do so.
 * Only sellers register consumers: on the marketplaces that sign requests, the caller is the
 * seller.
 */
@Service
public class SignedCallers {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a client sent to sign a request; {@code fullUrl} as the client addressed it. */
    public record SignedRequest(
            String consumerId, String channelType, String fullUrl, String method, String timestamp, String signature) {}

    /** A consumer to register; {@code partyId} is needed only when an operator registers it. */
    public record NewConsumer(UUID partyId, String consumerId, String channelType, String publicKey) {}

    /** A registered consumer with its client secret, shown this once. */
    public record Registered(Consumer consumer, String clientSecret) {}

    /** A token of the token flow, shown once. */
    public record AccessToken(String token, Duration lifetime) {}

    /** A consumer as its signatures are checked: the stored row and its decoded public key. */
    private record Signer(ConsumerCredentials.Stored stored, RSAPublicKey key) {}

    private final ConsumerCredentials credentials;
    private final Parties parties;
    private final SignatureProperties properties;
    private final Clock clock;
    /** Consumers that signed lately, by consumer id: no query and no key decoding per request. */
    private final Cache<String, Signer> signers;

    SignedCallers(ConsumerCredentials credentials, Parties parties, SignatureProperties properties) {
        this.credentials = credentials;
        this.parties = parties;
        this.properties = properties;
        this.clock = Clock.systemUTC();
        this.signers = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.consumerCache())
                .build();
    }

    public Verification verify(SignedRequest request) {
        long timestamp;
        try {
            timestamp = Long.parseLong(request.timestamp().trim());
        } catch (NumberFormatException notEpochMillis) {
            return new Verification.Rejected("WM_SEC.TIMESTAMP is not epoch milliseconds");
        }
        var skew = Duration.between(Instant.ofEpochMilli(timestamp), clock.instant())
                .abs();
        if (skew.compareTo(properties.maxSkew()) > 0) {
            return new Verification.Rejected("WM_SEC.TIMESTAMP is more than %d seconds away from the server's clock"
                    .formatted(properties.maxSkew().toSeconds()));
        }
        var signer = signer(request.consumerId());
        if (signer.isEmpty()) {
            return new Verification.Rejected("Unknown WM_CONSUMER.ID");
        }
        var consumer = signer.get().stored();
        if (!consumer.consumer().channelType().equals(request.channelType())) {
            return new Verification.Rejected("WM_CONSUMER.CHANNEL.TYPE does not match the consumer's channel type");
        }
        var key = signer.get().key();
        var text =
                Signature.stringToSign(request.consumerId(), request.fullUrl(), request.method(), request.timestamp());
        if (!Signature.verifies(key, text, request.signature())) {
            return new Verification.Rejected("WM_SEC.AUTH_SIGNATURE does not verify");
        }
        // A signature is a one-time proof: within its window, the same one again is a replay.
        var digest = signatureDigest(
                request.consumerId() + "\n" + request.signature().strip());
        var expires = Instant.ofEpochMilli(timestamp).plus(properties.maxSkew());
        if (!credentials.firstUse(digest, expires, clock.instant())) {
            return new Verification.Rejected(
                    "This WM_SEC.AUTH_SIGNATURE was used before: sign each request anew (a replay is refused)");
        }
        return new Verification.Verified(consumer.caller(), request.consumerId());
    }

    private static byte[] signatureDigest(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }

    /** The consumer, remembered for {@code consumer-cache} once found; unknown ids are never remembered. */
    private Optional<Signer> signer(String consumerId) {
        var remembered = signers.getIfPresent(consumerId);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        var signer = credentials
                .byConsumerId(consumerId)
                .map(stored -> new Signer(
                        stored, Signature.publicKey(stored.publicKey()).orElseThrow()));
        if (properties.consumerCache().isPositive()) {
            signer.ifPresent(found -> signers.put(consumerId, found));
        }
        return signer;
    }

    /** A new access token for a client's id and secret; empty when they do not match. */
    @Transactional
    public Optional<AccessToken> issueToken(String clientId, String clientSecret) {
        var stored = credentials.byClientId(clientId);
        if (stored.isEmpty()
                || !MessageDigest.isEqual(
                        stored.get().clientSecretHash().getBytes(StandardCharsets.UTF_8),
                        sha256(clientSecret).getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        credentials.dropExpiredTokens();
        var token = secret("wmt_");
        credentials.insertToken(
                stored.get().caller(),
                stored.get().consumer().consumerId(),
                sha256(token),
                clock.instant().plus(properties.tokenLifetime()));
        return Optional.of(new AccessToken(token, properties.tokenLifetime()));
    }

    public Verification verifyToken(String token) {
        return credentials
                .byToken(sha256(token.trim()))
                .<Verification>map(stored -> new Verification.Verified(
                        stored.caller(), stored.consumer().consumerId()))
                .orElseGet(() -> new Verification.Rejected("WM_SEC.ACCESS_TOKEN is not valid or has expired"));
    }

    @Transactional
    public Registered register(Caller caller, NewConsumer request) {
        var partyId = switch (caller.role()) {
            case SELLER -> {
                if (request.partyId() != null && !request.partyId().equals(caller.partyId())) {
                    throw new RescindException(
                            Kind.FORBIDDEN, "not-allowed-for-role", "A seller registers consumers for itself only");
                }
                yield caller.partyId();
            }
            case OPERATOR -> {
                if (request.partyId() == null) {
                    throw new RescindException(
                            Kind.INVALID,
                            "invalid-request",
                            "An operator registers a consumer for a partyId",
                            Map.of("field", "partyId"));
                }
                yield request.partyId();
            }
            case BUYER ->
                throw new RescindException(
                        Kind.FORBIDDEN, "not-allowed-for-role", "Consumers are registered for sellers");
        };
        var party = parties.find(caller.tenantId(), partyId);
        if (party.isEmpty() || party.get().role() != PartyRole.SELLER) {
            throw new RescindException(
                    Kind.UNPROCESSABLE,
                    "unknown-party",
                    "partyId %s is not a seller of this tenant".formatted(partyId),
                    Map.of("field", "partyId"));
        }
        var key = Signature.publicKey(request.publicKey())
                .filter(rsa -> rsa.getModulus().bitLength() >= Signature.MIN_KEY_BITS)
                .orElseThrow(() -> new RescindException(
                        Kind.UNPROCESSABLE,
                        "invalid-public-key",
                        "publicKey must be an RSA public key of at least %d bits, Base64 X.509 (PEM armour optional)"
                                .formatted(Signature.MIN_KEY_BITS),
                        Map.of("field", "publicKey")));
        var consumer =
                new Consumer(request.consumerId(), partyId, request.channelType(), secret("wmc_"), clock.instant());
        var secret = secret("wms_");
        try {
            credentials.insert(
                    caller.tenantId(), consumer, Base64.getEncoder().encodeToString(key.getEncoded()), sha256(secret));
        } catch (DuplicateKeyException taken) {
            throw new RescindException(
                    Kind.CONFLICT,
                    "consumer-id-taken",
                    "Consumer id '%s' is already registered".formatted(request.consumerId()),
                    Map.of("field", "consumerId"));
        }
        return new Registered(consumer, secret);
    }

    public List<Consumer> list(Caller caller) {
        return switch (caller.role()) {
            case OPERATOR -> credentials.list(caller.tenantId(), null);
            case SELLER -> credentials.list(caller.tenantId(), caller.partyId());
            case BUYER -> List.of();
        };
    }

    private static String secret(String prefix) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // Secrets are 256 random bits: a fast hash is enough (see docs/decisions.md on API keys).
    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
