package io.rescind.events;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events to the outbox table. It joins the caller's transaction (and refuses to run
 * without one), so an event exists exactly when the change it announces was committed.
 */
@Repository
public class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one event; its id is stable, so receivers can drop duplicates. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(UUID tenantId, UUID orderId, String type, String payloadJson) {
        var eventId = UUID.randomUUID();
        jdbc.sql("""
                        insert into outbox (tenant_id, event_id, type, order_id, payload, occurred_at)
                        values (:tenant, :event, :type, :order, cast(:payload as jsonb), now())
                        """)
                .param("tenant", tenantId)
                .param("event", eventId)
                .param("type", type)
                .param("order", orderId)
                .param("payload", payloadJson)
                .update();
        return eventId;
    }
}
