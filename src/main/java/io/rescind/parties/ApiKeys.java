package io.rescind.parties;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys are 256 random bits shown once; only their SHA-256 is stored. A slow password hash
 * buys nothing for secrets of that entropy and would cost every request.
 *
 * <p>A key that authenticated is remembered for a short while ({@code
 * rescind.parties.api-key-cache}, 10 s by default; 0 turns it off), so that a client's stream of
 * requests costs one query per key and period instead of one query and a pool checkout per
 * request. Nothing in Rescind changes a key's party or role, so what is remembered stays right;
 * the one thing the cache delays is a key revoked in the database ({@code revoked_at}), which
 * stops working within that period on every instance.
 *
 * <p>A key that fails is remembered as failing ({@code rescind.rate-limits.bad-key-cache}, 1 min),
 * so that repeating a bad key costs no query; issuing or registering a key forgets it. And each
 * source address may fail only so often per minute ({@code
 * rescind.rate-limits.failed-authentications}); past that its credentials are not looked at until
 * the minute is over. Both are per instance: they protect this instance's database pool.
 */
@Repository
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Far more than the keys in use at once; past it the least used are forgotten first. */
    private static final int MAX_REMEMBERED = 10_000;

    private final JdbcClient jdbc;
    private final Duration remember;
    /** Callers by key hash, each forgotten {@code remember} after it was looked up. */
    private final Cache<String, Caller> recent;

    /** Hashes of keys that failed, each forgotten {@code badKeyCache} after it failed. */
    private final Cache<String, Boolean> failing;
    /** Failed authentications per source address in the current minute. */
    private final Cache<String, AtomicInteger> failures;

    private final int maxFailures;

    @Autowired
    ApiKeys(
            JdbcClient jdbc,
            @Value("${rescind.parties.api-key-cache:10s}") Duration remember,
            RateLimitProperties limits) {
        this(jdbc, remember, Clock.systemUTC(), limits.badKeyCache(), limits.failedAuthentications());
    }

    ApiKeys(JdbcClient jdbc, Duration remember, Clock clock) {
        this(jdbc, remember, clock, Duration.ofMinutes(1), 30);
    }

    ApiKeys(JdbcClient jdbc, Duration remember, Clock clock, Duration badKeyCache, int maxFailures) {
        if (remember.isNegative()) {
            throw new IllegalArgumentException("rescind.parties.api-key-cache must not be negative");
        }
        this.jdbc = jdbc;
        this.remember = remember;
        this.recent = Caffeine.newBuilder()
                .maximumSize(MAX_REMEMBERED)
                .expireAfterWrite(remember)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.failing = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(badKeyCache)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofMinutes(1))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
        this.maxFailures = maxFailures;
    }

    /** Creates a new key for the party and returns it; it cannot be read back later. */
    String issue(UUID tenantId, UUID partyId) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var key = "rk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        register(tenantId, partyId, key);
        return key;
    }

    /** Stores a key chosen elsewhere (the configured operator key). */
    void register(UUID tenantId, UUID partyId, String key) {
        jdbc.sql("""
                        insert into api_keys (tenant_id, key_id, party_id, key_hash)
                        values (:tenant, :id, :party, :hash)
                        on conflict (key_hash) do nothing
                        """)
                .param("tenant", tenantId)
                .param("id", UUID.randomUUID())
                .param("party", partyId)
                .param("hash", hash(key))
                .update();
        failing.invalidate(hash(key));
    }

    /** A key as an operator sees it: never the key itself, only when it was made and revoked. */
    public record KeyInfo(UUID id, Instant createdAt, Instant revokedAt) {}

    List<KeyInfo> list(UUID tenantId, UUID partyId) {
        return jdbc.sql("""
                        select key_id, created_at, revoked_at from api_keys
                        where tenant_id = :tenant and party_id = :party
                        order by created_at, key_id
                        """)
                .param("tenant", tenantId)
                .param("party", partyId)
                .query((rs, n) -> {
                    var revoked = rs.getObject("revoked_at", OffsetDateTime.class);
                    return new KeyInfo(
                            rs.getObject("key_id", UUID.class),
                            rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                            revoked == null ? null : revoked.toInstant());
                })
                .list();
    }

    /**
     * Revokes a key of the party; false when it has no such key or it was revoked already. Every
     * instance stops accepting it within the cache period ({@code rescind.parties.api-key-cache}).
     */
    boolean revoke(UUID tenantId, UUID partyId, UUID keyId) {
        return jdbc.sql("""
                                update api_keys set revoked_at = now()
                                where tenant_id = :tenant and party_id = :party and key_id = :key
                                  and revoked_at is null
                                """)
                        .param("tenant", tenantId)
                        .param("party", partyId)
                        .param("key", keyId)
                        .update()
                > 0;
    }

    /** The party a key belongs to, if the key is valid (or was, less than the cache period ago). */
    public Optional<Caller> authenticate(String key) {
        var hash = hash(key);
        var remembered = recent.getIfPresent(hash);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        if (failing.getIfPresent(hash) != null) {
            return Optional.empty();
        }
        var caller = lookUp(hash);
        if (caller.isEmpty()) {
            failing.put(hash, Boolean.TRUE);
        } else if (remember.isPositive()) {
            recent.put(hash, caller.get());
        }
        return caller;
    }

    /**
     * {@link #authenticate(String)} for a request from {@code source}: throws {@link
     * TooManyFailures} without looking at the key when the source failed too often this minute.
     */
    public Optional<Caller> authenticate(String key, String source) {
        var count = failures.getIfPresent(source);
        if (count != null && count.get() >= maxFailures) {
            throw new TooManyFailures(60);
        }
        var caller = authenticate(key);
        if (caller.isEmpty()) {
            failures.get(source, any -> new AtomicInteger()).incrementAndGet();
        }
        return caller;
    }

    /**
     * What a session may keep instead of the key: its SHA-256, from which the key cannot be found
     * again, but with which {@link #stillValid} tells whether it has been revoked since.
     */
    public static String fingerprint(String key) {
        return hash(key);
    }

    /** The party of a key known by its {@link #fingerprint}, if the key is (still) valid. */
    public Optional<Caller> stillValid(String fingerprint) {
        var remembered = recent.getIfPresent(fingerprint);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        var caller = lookUp(fingerprint);
        if (remember.isPositive()) {
            caller.ifPresent(found -> recent.put(fingerprint, found));
        }
        return caller;
    }

    private Optional<Caller> lookUp(String hash) {
        return jdbc.sql("""
                        select k.tenant_id, k.party_id, p.role
                        from api_keys k
                        join parties p on p.tenant_id = k.tenant_id and p.party_id = k.party_id
                        where k.key_hash = :hash and k.revoked_at is null
                        """)
                .param("hash", hash)
                .query((rs, n) -> new Caller(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("party_id", UUID.class),
                        PartyRole.valueOf(rs.getString("role"))))
                .optional();
    }

    static String hash(String key) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
