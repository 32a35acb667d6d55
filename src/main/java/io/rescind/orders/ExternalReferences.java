package io.rescind.orders;

import io.rescind.parties.References;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Other systems' identifiers of orders and lines, looked up by index. An order's reference is
 * unique per tenant and channel; a line's per order and channel (positions repeat across orders).
 */
@Repository
public class ExternalReferences {

    /** The key orders are scoped under; lines are scoped under their order. */
    private static final UUID ORDERS = new UUID(0, 0);

    private final JdbcClient jdbc;

    ExternalReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order another system knows as {@code externalId}. */
    public Optional<UUID> order(UUID tenantId, String channel, String externalId) {
        return find(tenantId, channel, ORDERS, externalId);
    }

    /** The line of {@code orderId} another system knows as {@code externalId}. */
    public Optional<UUID> line(UUID tenantId, String channel, UUID orderId, String externalId) {
        return find(tenantId, channel, orderId, externalId);
    }

    /** The references of an order (under {@code orderId}) and of each of its lines (under the line's id). */
    public Map<UUID, References> of(UUID tenantId, UUID orderId) {
        var found = new HashMap<UUID, Map<String, String>>();
        jdbc.sql("""
                        select target_id, channel, external_id from external_references
                        where tenant_id = :tenant and order_id = :order
                        """).param("tenant", tenantId).param("order", orderId).query(rs -> {
            found.computeIfAbsent(rs.getObject("target_id", UUID.class), id -> new HashMap<>())
                    .put(rs.getString("channel"), rs.getString("external_id"));
        });
        var references = new HashMap<UUID, References>();
        found.forEach((id, byChannel) -> references.put(id, new References(byChannel)));
        return references;
    }

    /** The order references already used in the tenant, of those asked for. */
    List<String> taken(UUID tenantId, References wanted) {
        var taken = new ArrayList<String>();
        for (var entry : wanted.byChannel().entrySet()) {
            if (order(tenantId, entry.getKey(), entry.getValue()).isPresent()) {
                taken.add(entry.getKey() + ":" + entry.getValue());
            }
        }
        return taken;
    }

    /** Stores the references of a new order and its lines. */
    void add(PurchaseOrder order, References orderReferences, Map<UUID, References> lineReferences) {
        insert(order, ORDERS, order.id(), orderReferences);
        lineReferences.forEach((lineId, references) -> insert(order, order.id(), lineId, references));
    }

    private void insert(PurchaseOrder order, UUID scope, UUID target, References references) {
        for (var entry : references.byChannel().entrySet()) {
            jdbc.sql("""
                            insert into external_references
                                (tenant_id, channel, scope_id, external_id, target_id, order_id)
                            values (:tenant, :channel, :scope, :external, :target, :order)
                            """)
                    .param("tenant", order.tenantId())
                    .param("channel", entry.getKey())
                    .param("scope", scope)
                    .param("external", entry.getValue())
                    .param("target", target)
                    .param("order", order.id())
                    .update();
        }
    }

    private Optional<UUID> find(UUID tenantId, String channel, UUID scope, String externalId) {
        return jdbc.sql("""
                        select target_id from external_references
                        where tenant_id = :tenant and channel = :channel and scope_id = :scope
                          and external_id = :external
                        """)
                .param("tenant", tenantId)
                .param("channel", channel)
                .param("scope", scope)
                .param("external", externalId)
                .query(UUID.class)
                .optional();
    }
}
