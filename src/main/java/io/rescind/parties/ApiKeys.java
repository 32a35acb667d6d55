package io.rescind.parties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys are 256 random bits shown once; only their SHA-256 is stored. A slow password hash
 * buys nothing for secrets of that entropy and would cost every request.
 */
@Repository
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
    }

    /** The party a key belongs to, if the key is valid. */
    public Optional<Caller> authenticate(String key) {
        return jdbc.sql("""
                        select k.tenant_id, k.party_id, p.role
                        from api_keys k
                        join parties p on p.tenant_id = k.tenant_id and p.party_id = k.party_id
                        where k.key_hash = :hash and k.revoked_at is null
                        """)
                .param("hash", hash(key))
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
