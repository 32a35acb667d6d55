package io.rescind.cancellation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class Cancellations {

    private static final TypeReference<List<Cancellation.CancelledLine>> LINES = new TypeReference<>() {};
    private static final TypeReference<List<Cancellation.Refusal>> REFUSALS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Cancellations(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID tenantId, Cancellation cancellation, String fingerprint) {
        jdbc.sql("""
                        insert into cancellations (tenant_id, cancellation_id, order_id, requested_by, status, reason,
                            note, idempotency_key, request_hash, lines, refusals, created_at)
                        values (:tenant, :id, :order, :by, :status, :reason, :note, :key, :hash,
                            cast(:lines as jsonb), cast(:refusals as jsonb), :at)
                        """)
                .param("tenant", tenantId)
                .param("id", cancellation.id())
                .param("order", cancellation.orderId())
                .param("by", cancellation.requestedBy())
                .param("status", cancellation.status().name())
                .param("reason", cancellation.reason().name())
                .param("note", cancellation.note())
                .param("key", cancellation.idempotencyKey())
                .param("hash", fingerprint)
                .param("lines", json.writeValueAsString(cancellation.lines()))
                .param("refusals", json.writeValueAsString(cancellation.refusals()))
                .param("at", OffsetDateTime.ofInstant(cancellation.createdAt(), java.time.ZoneOffset.UTC))
                .update();
    }

    /** A caller's earlier cancellation under this idempotency key, with the fingerprint of its request. */
    Optional<Map.Entry<Cancellation, String>> findByKey(UUID tenantId, UUID partyId, String key) {
        return jdbc.sql("""
                        select * from cancellations
                        where tenant_id = :tenant and requested_by = :party and idempotency_key = :key
                        """)
                .param("tenant", tenantId)
                .param("party", partyId)
                .param("key", key)
                .query((rs, n) -> Map.entry(cancellation(rs, n), rs.getString("request_hash")))
                .optional();
    }

    Optional<Cancellation> find(UUID tenantId, UUID orderId, UUID cancellationId) {
        return jdbc.sql("""
                        select * from cancellations
                        where tenant_id = :tenant and order_id = :order and cancellation_id = :id
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .param("id", cancellationId)
                .query(this::cancellation)
                .optional();
    }

    List<Cancellation> list(UUID tenantId, UUID orderId) {
        return jdbc.sql("""
                        select * from cancellations
                        where tenant_id = :tenant and order_id = :order
                        order by created_at, cancellation_id
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .query(this::cancellation)
                .list();
    }

    private Cancellation cancellation(ResultSet rs, int rowNum) throws SQLException {
        return new Cancellation(
                rs.getObject("cancellation_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getObject("requested_by", UUID.class),
                Cancellation.Status.valueOf(rs.getString("status")),
                CancelReason.valueOf(rs.getString("reason")),
                rs.getString("note"),
                rs.getString("idempotency_key"),
                json.readValue(rs.getString("lines"), LINES),
                json.readValue(rs.getString("refusals"), REFUSALS),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
