package io.rescind.signatures;

import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Registered consumers and their access tokens in PostgreSQL. */
@Repository
class ConsumerCredentials {

    /** A consumer as stored, with the caller it signs in as. */
    record Stored(Consumer consumer, String publicKey, String clientSecretHash, Caller caller) {}

    private static final String SELECT = """
            select c.*, p.role from consumer_credentials c
            join parties p on p.tenant_id = c.tenant_id and p.party_id = c.party_id
            """;

    private static final RowMapper<Stored> STORED = (rs, n) -> new Stored(
            new Consumer(
                    rs.getString("consumer_id"),
                    rs.getObject("party_id", UUID.class),
                    rs.getString("channel_type"),
                    rs.getString("client_id"),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()),
            rs.getString("public_key"),
            rs.getString("client_secret_hash"),
            new Caller(
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("party_id", UUID.class),
                    PartyRole.valueOf(rs.getString("role"))));

    private final JdbcClient jdbc;

    ConsumerCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> byConsumerId(String consumerId) {
        return jdbc.sql(SELECT + " where c.consumer_id = :consumer")
                .param("consumer", consumerId)
                .query(STORED)
                .optional();
    }

    Optional<Stored> byClientId(String clientId) {
        return jdbc.sql(SELECT + " where c.client_id = :client")
                .param("client", clientId)
                .query(STORED)
                .optional();
    }

    List<Consumer> list(UUID tenantId, UUID partyId) {
        return jdbc
                .sql(SELECT + " where c.tenant_id = :tenant and (cast(:party as uuid) is null or c.party_id = :party)"
                        + " order by c.created_at, c.consumer_id")
                .param("tenant", tenantId)
                .param("party", partyId)
                .query(STORED)
                .list()
                .stream()
                .map(Stored::consumer)
                .toList();
    }

    void insert(UUID tenantId, Consumer consumer, String publicKey, String clientSecretHash) {
        jdbc.sql("""
                        insert into consumer_credentials (tenant_id, consumer_id, party_id, channel_type, public_key,
                            client_id, client_secret_hash, created_at)
                        values (:tenant, :consumer, :party, :channel, :key, :client, :secret, :at)
                        """)
                .param("tenant", tenantId)
                .param("consumer", consumer.consumerId())
                .param("party", consumer.partyId())
                .param("channel", consumer.channelType())
                .param("key", publicKey)
                .param("client", consumer.clientId())
                .param("secret", clientSecretHash)
                .param("at", OffsetDateTime.ofInstant(consumer.createdAt(), ZoneOffset.UTC))
                .update();
    }

    void insertToken(Caller caller, String consumerId, String tokenHash, Instant expiresAt) {
        jdbc.sql("""
                        insert into access_tokens (tenant_id, token_hash, consumer_id, expires_at)
                        values (:tenant, :hash, :consumer, :expires)
                        """)
                .param("tenant", caller.tenantId())
                .param("hash", tokenHash)
                .param("consumer", consumerId)
                .param("expires", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                .update();
    }

    /** The consumer behind a token that has not expired. */
    Optional<Stored> byToken(String tokenHash) {
        return jdbc.sql(SELECT + """
                         join access_tokens t on t.tenant_id = c.tenant_id and t.consumer_id = c.consumer_id
                         where t.token_hash = :hash and t.expires_at > now()
                        """).param("hash", tokenHash).query(STORED).optional();
    }

    /** Forgets tokens that expired a while ago; they can no longer be used anyway. */
    void dropExpiredTokens() {
        jdbc.sql("delete from access_tokens where expires_at < now() - interval '1 hour'")
                .update();
    }

    /**
     * Records a signature as used until {@code expiresAt}; false when it was recorded before (a
     * replay). Expired records are swept on the way, at most once per second per instance.
     */
    boolean firstUse(byte[] digest, Instant expiresAt, Instant now) {
        if (lastSweep.getAndUpdate(last -> now.getEpochSecond() > last ? now.getEpochSecond() : last)
                < now.getEpochSecond()) {
            jdbc.sql("delete from seen_signatures where expires_at < :now")
                    .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
        }
        return jdbc.sql(
                                "insert into seen_signatures (digest, expires_at) values (:digest, :expires) on conflict do nothing")
                        .param("digest", digest)
                        .param("expires", OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC))
                        .update()
                == 1;
    }

    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong();
}
