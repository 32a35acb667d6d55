package io.rescind.cancellation;

import io.rescind.orders.CancelReason;
import io.rescind.orders.Cancellation;
import io.rescind.orders.CancellationPolicy;
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
                            note, idempotency_key, request_hash, lines, refusals, created_at,
                            decider_id, expires_at, on_expiry)
                        values (:tenant, :id, :order, :by, :status, :reason, :note, :key, :hash,
                            cast(:lines as jsonb), cast(:refusals as jsonb), :at, :decider, :expires, :onExpiry)
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
                .param("decider", cancellation.deciderId())
                .param("expires", timestamp(cancellation.expiresAt()))
                .param(
                        "onExpiry",
                        cancellation.onExpiry() == null
                                ? null
                                : cancellation.onExpiry().name())
                .update();
    }

    /** Records the decision on a pending request; the order must be locked. */
    void decide(UUID tenantId, Cancellation decided) {
        int updated = jdbc.sql("""
                        update cancellations
                        set status = :status, lines = cast(:lines as jsonb), decided_by = :by, decided_at = :at
                        where tenant_id = :tenant and cancellation_id = :id and status = 'PENDING'
                        """)
                .param("status", decided.status().name())
                .param("lines", json.writeValueAsString(decided.lines()))
                .param("by", decided.decidedBy())
                .param("at", timestamp(decided.decidedAt()))
                .param("tenant", tenantId)
                .param("id", decided.id())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("Cancellation " + decided.id() + " was not pending");
        }
    }

    /** Pending requests awaiting a party's decision, or every pending one of the tenant. */
    List<Cancellation> pending(UUID tenantId, UUID deciderId, int limit) {
        return jdbc.sql("""
                        select * from cancellations
                        where tenant_id = :tenant and status = 'PENDING'
                            and (cast(:decider as uuid) is null or decider_id = :decider)
                        order by created_at, cancellation_id
                        limit :limit
                        """)
                .param("tenant", tenantId)
                .param("decider", deciderId)
                .param("limit", limit)
                .query(this::cancellation)
                .list();
    }

    List<Cancellation> pendingOfOrder(UUID tenantId, UUID orderId) {
        return jdbc.sql("""
                        select * from cancellations
                        where tenant_id = :tenant and order_id = :order and status = 'PENDING'
                        order by created_at, cancellation_id
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .query(this::cancellation)
                .list();
    }

    /**
     * Claims requests past their expiry that no other worker holds. The row locks last until the
     * caller's transaction ends, so two instances never expire the same request.
     */
    List<Map.Entry<UUID, Cancellation>> claimDue(int limit) {
        return jdbc.sql("""
                        select * from cancellations
                        where status = 'PENDING' and expires_at <= now()
                        order by expires_at
                        limit :limit
                        for update skip locked
                        """)
                .param("limit", limit)
                .query((rs, n) -> Map.entry(rs.getObject("tenant_id", UUID.class), cancellation(rs, n)))
                .list();
    }

    private static OffsetDateTime timestamp(java.time.Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
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

    /**
     * The order's cancelled units per line, reason and note, summed in the database: a view of an
     * order costs one small result however many cancellations the order has had. In the order the
     * groups first appeared.
     */
    List<CancelledUnits> cancelledUnits(UUID tenantId, UUID orderId) {
        return jdbc.sql("""
                        select cast(line ->> 'lineId' as uuid) as line_id, c.reason, c.note,
                               sum(cast(line ->> 'quantity' as bigint)) as units
                        from cancellations c
                        cross join lateral jsonb_array_elements(c.lines) as line
                        where c.tenant_id = :tenant and c.order_id = :order
                          and (c.status in ('APPLIED', 'ACCEPTED') or (c.status = 'EXPIRED' and c.on_expiry = 'ACCEPT'))
                        group by 1, 2, 3
                        order by min(c.created_at), 1
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .query((rs, n) -> new CancelledUnits(
                        rs.getObject("line_id", UUID.class),
                        CancelReason.valueOf(rs.getString("reason")),
                        rs.getString("note"),
                        rs.getLong("units")))
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
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("decider_id", UUID.class),
                instant(rs, "expires_at"),
                rs.getString("on_expiry") == null
                        ? null
                        : CancellationPolicy.OnExpiry.valueOf(rs.getString("on_expiry")),
                rs.getObject("decided_by", UUID.class),
                instant(rs, "decided_at"));
    }
}
