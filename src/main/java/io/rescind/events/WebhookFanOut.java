package io.rescind.events;

import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an event into one pending delivery per matching subscription, in the relay's
 * transaction, so a delivery exists exactly when its event was relayed. A subscription matches
 * when it asks for the type (or for every type), existed when the event occurred (a subscription
 * never receives history), and its party may see the event: the buyer and the seller of the order,
 * any operator of the tenant, and for an event about a party's own subscription, that party.
 *
 * <p>A subscription's backlog is bounded: an event that finds {@code max-backlog} deliveries still
 * pending for it is not queued but written straight away as a dead letter ({@code backlog-full}),
 * which the owner can list and redeliver once the endpoint has caught up.
 */
@Component
@Order(1)
class WebhookFanOut implements EventSink {

    private record Target(UUID subscriptionId, Flavour flavour, boolean byBuyer) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final int maxBacklog;

    WebhookFanOut(JdbcClient jdbc, JsonMapper json, EventsProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.maxBacklog = properties.webhooks().maxBacklog();
    }

    @Override
    public void publish(OutboxEvent event, EventType type) {
        // The order's parties are read from the orders table: the outbox does not carry them.
        var targets = jdbc.sql("""
                        select s.subscription_id, s.flavour,
                               coalesce(o.buyer_id = cast(:actor as uuid), false) as by_buyer
                        from webhook_subscriptions s
                        left join purchase_orders o on o.tenant_id = s.tenant_id and o.order_id = :order
                        where s.tenant_id = :tenant and s.active
                          and s.created_at <= :occurred
                          and (cardinality(s.event_types) = 0 or :type = any(s.event_types))
                          and (s.party_role = 'OPERATOR' or s.party_id = o.buyer_id or s.party_id = o.seller_id
                               or s.party_id = cast(:owner as uuid))
                        """)
                .param("tenant", event.tenantId())
                .param("occurred", java.sql.Timestamp.from(event.occurredAt()))
                .param("owner", ownerOf(event))
                .param("order", event.orderId())
                .param("actor", actorOf(event))
                .param("type", type.name())
                .query((rs, n) -> new Target(
                        rs.getObject("subscription_id", UUID.class),
                        Flavour.valueOf(rs.getString("flavour").toUpperCase(java.util.Locale.ROOT)),
                        rs.getBoolean("by_buyer")))
                .list();
        for (var target : targets) {
            var name = type.nameFor(target.flavour(), target.byBuyer());
            jdbc.sql("""
                            with backlog as (
                                select count(*) >= :max as full
                                from (select 1 from webhook_deliveries
                                      where tenant_id = :tenant and subscription_id = :subscription
                                        and status = 'PENDING'
                                      limit :max) pending)
                            insert into webhook_deliveries (tenant_id, delivery_id, subscription_id, event_id, position,
                                                            order_id, type, body, status, next_attempt_at, dead_reason)
                            select :tenant, :delivery, :subscription, :event, :position, :order, :type, :body,
                                   case when backlog.full then 'DEAD' else 'PENDING' end, now(),
                                   case when backlog.full then 'backlog-full' end
                            from backlog
                            on conflict (tenant_id, subscription_id, event_id) do nothing
                            """)
                    .param("max", maxBacklog)
                    .param("tenant", event.tenantId())
                    .param("delivery", UUID.randomUUID())
                    .param("subscription", target.subscriptionId())
                    .param("event", event.eventId())
                    .param("position", event.position())
                    .param("order", event.orderId())
                    .param("type", name)
                    .param("body", Envelope.render(json, event, name, target.flavour()))
                    .update();
        }
    }

    /** The party an event without an order is about (its own subscription paused or resumed). */
    private static String ownerOf(OutboxEvent event) {
        if (event.orderId() != null) {
            return null;
        }
        var party = event.payload().get("partyId");
        return party == null || party.isNull() ? null : party.asString();
    }

    private static String actorOf(OutboxEvent event) {
        var actor = event.payload().get("actor");
        return actor == null || actor.isNull() ? null : actor.asString();
    }
}
