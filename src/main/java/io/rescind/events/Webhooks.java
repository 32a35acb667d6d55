package io.rescind.events;

import io.rescind.RescindException;
import io.rescind.RescindException.Kind;
import io.rescind.parties.Caller;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook subscriptions, their deliveries and the attempts made, as parties see them: a buyer or
 * seller sees its own subscriptions, an operator every subscription of its tenant.
 */
@Service
public class Webhooks {

    public static final String SECRET_PREFIX = "whsec_";

    /** A party's request to receive events. A missing secret is generated; no types means all. */
    public record NewSubscription(URI url, List<String> eventTypes, String secret, String flavour) {}

    /**
     * A subscription as its owner sees it. {@code state} is {@code ACTIVE}, {@code PAUSED} (its
     * circuit is open: the endpoint failed {@code consecutiveFailures} attempts in a row and nothing
     * is sent before {@code pausedUntil}, then one probe at a time) or {@code REMOVED}.
     */
    public record Subscription(
            UUID id,
            UUID partyId,
            String url,
            List<String> eventTypes,
            String flavour,
            boolean active,
            String state,
            int consecutiveFailures,
            Instant pausedSince,
            Instant pausedUntil,
            String lastError,
            Instant lastFailureAt,
            Instant createdAt) {}

    /** A new subscription and its signing secret, shown this once. */
    public record Created(Subscription subscription, String secret) {}

    public record Delivery(
            UUID id,
            UUID subscriptionId,
            UUID eventId,
            UUID orderId,
            String type,
            String status,
            String deadReason,
            int attempts,
            Instant nextAttemptAt,
            Instant createdAt,
            Instant deliveredAt,
            List<Attempt> attemptLog) {}

    public record Attempt(int attempt, Instant at, Integer statusCode, long latencyMs, String error) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final AddressGuard guard;

    Webhooks(JdbcClient jdbc, EventsProperties properties) {
        this.jdbc = jdbc;
        this.guard = new AddressGuard(properties.webhooks().allowLoopback());
    }

    @Transactional
    public Created subscribe(Caller caller, NewSubscription request) {
        var refusal = guard.refusal(request.url());
        if (refusal.isPresent()) {
            throw new RescindException(
                    Kind.UNPROCESSABLE, "forbidden-webhook-url", "The webhook URL is not allowed: " + refusal.get());
        }
        var types = request.eventTypes() == null ? List.<String>of() : List.copyOf(request.eventTypes());
        var unknown = types.stream()
                .filter(type -> !EventCatalog.externalNames().contains(type))
                .toList();
        if (!unknown.isEmpty()) {
            throw new RescindException(
                    Kind.INVALID,
                    "unknown-event-type",
                    "Unknown event types: " + String.join(", ", unknown),
                    Map.of("unknown", unknown, "known", EventCatalog.externalNames()));
        }
        var flavour = request.flavour() == null
                ? Flavour.CANONICAL
                : Flavour.of(request.flavour())
                        .orElseThrow(() -> new RescindException(
                                Kind.INVALID,
                                "unknown-flavour",
                                "Unknown flavour '%s'; use canonical or tradecloud".formatted(request.flavour())));
        var secret = request.secret() == null ? newSecret() : checkedSecret(request.secret());
        var id = UUID.randomUUID();
        jdbc.sql("""
                        insert into webhook_subscriptions (tenant_id, subscription_id, party_id, party_role, url,
                                                           event_types, flavour, secret)
                        values (:tenant, :id, :party, :role, :url, :types, :flavour, :secret)
                        """)
                .param("tenant", caller.tenantId())
                .param("id", id)
                .param("party", caller.partyId())
                .param("role", caller.role().name())
                .param("url", request.url().toString())
                .param("types", types.stream().distinct().toArray(String[]::new))
                .param("flavour", flavour.key())
                .param("secret", secret)
                .update();
        return new Created(subscription(caller, id), secret);
    }

    public List<Subscription> subscriptions(Caller caller) {
        return jdbc.sql("""
                        select * from webhook_subscriptions
                        where tenant_id = :tenant and (:operator or party_id = :party)
                        order by created_at, subscription_id
                        """)
                .param("tenant", caller.tenantId())
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .query(Webhooks::subscription)
                .list();
    }

    public Subscription subscription(Caller caller, UUID id) {
        return findSubscription(caller, id).orElseThrow(() -> RescindException.notFound("Subscription"));
    }

    /** Stops deliveries to a subscription; what was already delivered stays visible. */
    @Transactional
    public void unsubscribe(Caller caller, UUID id) {
        subscription(caller, id);
        jdbc.sql("update webhook_subscriptions set active = false where tenant_id = :tenant and subscription_id = :id")
                .param("tenant", caller.tenantId())
                .param("id", id)
                .update();
        jdbc.sql("""
                        update webhook_deliveries set status = 'DEAD', dead_reason = 'unsubscribed'
                        where tenant_id = :tenant and subscription_id = :id and status = 'PENDING'
                        """).param("tenant", caller.tenantId()).param("id", id).update();
    }

    /** Deliveries of the subscriptions the caller sees, newest first, optionally of one status. */
    public List<Delivery> deliveries(Caller caller, UUID subscriptionId, String status, int limit) {
        return jdbc.sql("""
                        select d.* from webhook_deliveries d
                        join webhook_subscriptions s on s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
                        where d.tenant_id = :tenant and (:operator or s.party_id = :party)
                          and (cast(:subscription as uuid) is null or d.subscription_id = cast(:subscription as uuid))
                          and (cast(:status as text) is null or d.status = cast(:status as text))
                        order by d.position desc, d.created_at desc
                        limit :limit
                        """)
                .param("tenant", caller.tenantId())
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .param("subscription", subscriptionId == null ? null : subscriptionId.toString())
                .param("status", status)
                .param("limit", limit)
                .query((rs, n) -> delivery(rs, List.of()))
                .list();
    }

    /** One delivery with every attempt made. */
    public Delivery delivery(Caller caller, UUID id) {
        var found = jdbc.sql("""
                        select d.* from webhook_deliveries d
                        join webhook_subscriptions s on s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
                        where d.tenant_id = :tenant and d.delivery_id = :id and (:operator or s.party_id = :party)
                        """)
                .param("tenant", caller.tenantId())
                .param("id", id)
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .query((rs, n) -> delivery(rs, attempts(caller.tenantId(), id)))
                .optional();
        return found.orElseThrow(() -> RescindException.notFound("Delivery"));
    }

    /**
     * Sends a delivery again from now on, with a fresh budget of attempts: a dead letter once its
     * receiver is fixed, or a delivered event the receiver lost.
     */
    @Transactional
    public Delivery redeliver(Caller caller, UUID id) {
        var delivery = delivery(caller, id);
        var active = subscription(caller, delivery.subscriptionId()).active();
        if (!active) {
            throw new RescindException(
                    Kind.CONFLICT, "subscription-inactive", "The subscription of this delivery was removed");
        }
        if (delivery.status().equals("PENDING")) {
            throw new RescindException(
                    Kind.CONFLICT, "delivery-pending", "The delivery is still pending; it will be retried");
        }
        jdbc.sql("""
                        update webhook_deliveries
                        set status = 'PENDING', attempts = 0, next_attempt_at = now(), lease_until = null,
                            delivered_at = null, dead_reason = null
                        where tenant_id = :tenant and delivery_id = :id
                        """).param("tenant", caller.tenantId()).param("id", id).update();
        return delivery(caller, id);
    }

    private Optional<Subscription> findSubscription(Caller caller, UUID id) {
        return jdbc.sql("""
                        select * from webhook_subscriptions
                        where tenant_id = :tenant and subscription_id = :id and (:operator or party_id = :party)
                        """)
                .param("tenant", caller.tenantId())
                .param("id", id)
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .query(Webhooks::subscription)
                .optional();
    }

    private List<Attempt> attempts(UUID tenantId, UUID deliveryId) {
        return jdbc.sql("""
                        select * from webhook_attempts where tenant_id = :tenant and delivery_id = :delivery
                        order by attempt_id
                        """)
                .param("tenant", tenantId)
                .param("delivery", deliveryId)
                .query((rs, n) -> new Attempt(
                        rs.getInt("attempt"),
                        instant(rs, "at"),
                        (Integer) rs.getObject("status_code"),
                        rs.getLong("latency_ms"),
                        rs.getString("error")))
                .list();
    }

    private static Subscription subscription(ResultSet rs, int n) throws SQLException {
        return new Subscription(
                rs.getObject("subscription_id", UUID.class),
                rs.getObject("party_id", UUID.class),
                rs.getString("url"),
                List.of((String[]) rs.getArray("event_types").getArray()),
                rs.getString("flavour"),
                rs.getBoolean("active"),
                !rs.getBoolean("active") ? "REMOVED" : rs.getObject("paused_until") != null ? "PAUSED" : "ACTIVE",
                rs.getInt("consecutive_failures"),
                instant(rs, "paused_since"),
                instant(rs, "paused_until"),
                rs.getString("last_error"),
                instant(rs, "last_failure_at"),
                instant(rs, "created_at"));
    }

    private static Delivery delivery(ResultSet rs, List<Attempt> attempts) throws SQLException {
        return new Delivery(
                rs.getObject("delivery_id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getString("type"),
                rs.getString("status"),
                rs.getString("dead_reason"),
                rs.getInt("attempts"),
                rs.getString("status").equals("PENDING") ? instant(rs, "next_attempt_at") : null,
                instant(rs, "created_at"),
                instant(rs, "delivered_at"),
                attempts);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String newSecret() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** A secret a party brings must be what the Standard Webhooks libraries accept: whsec_ + base64. */
    private static String checkedSecret(String secret) {
        var encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < 24 || key.length > 64) {
            throw new RescindException(
                    Kind.INVALID,
                    "invalid-webhook-secret",
                    "The secret must be 'whsec_' followed by 24 to 64 base64-encoded random bytes");
        }
        return SECRET_PREFIX + encoded;
    }
}
