package io.rescind.events;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes committed outbox rows to every sink, then marks them published, all in one
 * transaction that holds the claimed rows.
 *
 * <p>It never remembers a "last position seen": positions are handed out when a row is
 * inserted but become visible when its transaction commits, so a row with a smaller position can
 * appear after a larger one was published. The relay asks for unpublished rows instead, and such
 * a late row is simply found on the next pass. Rows are claimed with {@code FOR UPDATE SKIP
 * LOCKED}, so several instances share the work without taking the same row; a row is taken only
 * when no older row of the same order is still unpublished, which keeps each order's events in
 * order across instances. (Within one order, positions follow commit order: every change of an
 * order holds the order's lock until it commits.)
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final List<EventSink> sinks;
    private final EventsProperties properties;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper json,
            List<EventSink> sinks,
            EventsProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.sinks = List.copyOf(sinks);
        this.properties = properties;
    }

    /** Relays one batch to the configured sinks; returns how many events it took. */
    int relayBatch() {
        return relayBatch(sinks);
    }

    /** Relays one batch to {@code to}; an exception from a sink rolls the whole batch back. */
    int relayBatch(List<EventSink> to) {
        Integer count = transactions.execute(status -> {
            var batch = claim();
            for (var event : batch) {
                var type = EventCatalog.forInternal(event.type());
                if (type.isPresent()) {
                    to.forEach(sink -> sink.publish(event, type.get()));
                } else {
                    log.warn(
                            "Outbox event {} has type '{}' that the event catalog does not publish; skipped",
                            event.eventId(),
                            event.type());
                }
                markPublished(event);
            }
            return batch.size();
        });
        return count == null ? 0 : count;
    }

    private List<OutboxEvent> claim() {
        return jdbc.sql("""
                        select o.position, o.tenant_id, o.event_id, o.type, o.order_id,
                               o.payload::text as payload, o.occurred_at
                        from outbox o
                        where o.published_at is null
                          and not exists (
                              select 1 from outbox earlier
                              where earlier.published_at is null
                                and earlier.order_id = o.order_id
                                and earlier.position < o.position)
                        order by o.position
                        limit :batch
                        for update of o skip locked
                        """)
                .param("batch", properties.relay().batchSize())
                .query((rs, n) -> new OutboxEvent(
                        rs.getLong("position"),
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("type"),
                        rs.getObject("order_id", UUID.class),
                        json.readTree(rs.getString("payload")),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    private void markPublished(OutboxEvent event) {
        jdbc.sql("update outbox set published_at = now() where tenant_id = :tenant and event_id = :event")
                .param("tenant", event.tenantId())
                .param("event", event.eventId())
                .update();
    }
}
