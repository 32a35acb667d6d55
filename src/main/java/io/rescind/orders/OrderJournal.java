package io.rescind.orders;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.rescind.events.Outbox;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** An order's history, appended together with the outbox event in the changing transaction. */
@Repository
class OrderJournal {

    /** The outbox payload: which order, who, and the change as recorded in the history. */
    private record Payload(
            UUID orderId, UUID actor, @JsonRawValue String change) {}

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final JsonMapper json;

    OrderJournal(JdbcClient jdbc, Outbox outbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void record(UUID tenantId, UUID orderId, UUID actor, OrderChange change) {
        var detail = json.writeValueAsString(change);
        jdbc.sql("""
                        insert into order_history (tenant_id, order_id, at, actor, type, detail)
                        values (:tenant, :order, now(), :actor, :type, cast(:detail as jsonb))
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .param("actor", actor)
                .param("type", change.type())
                .param("detail", detail)
                .update();
        // The change is serialised once and embedded as it is in the outbox payload.
        outbox.append(tenantId, orderId, change.type(), json.writeValueAsString(new Payload(orderId, actor, detail)));
    }

    List<HistoryEntry> history(UUID tenantId, UUID orderId) {
        return jdbc.sql("""
                        select entry_id, at, actor, type, detail from order_history
                        where tenant_id = :tenant and order_id = :order
                        order by entry_id
                        """)
                .param("tenant", tenantId)
                .param("order", orderId)
                .query((rs, n) -> new HistoryEntry(
                        rs.getLong("entry_id"),
                        rs.getObject("at", java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject("actor", UUID.class),
                        rs.getString("type"),
                        json.readTree(rs.getString("detail"))))
                .list();
    }
}
