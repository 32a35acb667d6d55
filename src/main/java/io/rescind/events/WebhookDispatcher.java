package io.rescind.events;

import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works the pending webhook deliveries. A due delivery is claimed by taking a lease on it
 * ({@code FOR UPDATE SKIP LOCKED}, then committed), posted outside any transaction, and its
 * outcome recorded. An instance that dies mid-delivery leaves its lease to expire, and the delivery
 * is made again: at least once, with the same {@code webhook-id}.
 *
 * <p>Receivers are isolated from each other. Each subscription is a queue of its own: at most
 * {@code per-subscription-concurrency} of its deliveries are in flight at once (one while its
 * circuit is half open), and claims go round robin over the subscriptions that have due work, so a
 * slow or dead receiver holds at most its own share of the workers, never another's deliveries.
 * A subscription whose endpoint fails {@code circuit.failures} attempts in a row is paused (its
 * circuit opens): nothing is sent to it until the pause ends, then one probe at a time; a success
 * closes the circuit. Pausing and resuming are announced to the owner as events and shown on the
 * subscription. Within a subscription, a delivery waits while an older one of the same order is
 * still pending, so each receiver gets an order's events in order.
 */
@Component
class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;

    /** A delivery this instance holds the lease of. */
    record Claimed(
            UUID tenantId,
            UUID deliveryId,
            UUID subscriptionId,
            UUID eventId,
            int attempt,
            String body,
            String url,
            String secret) {}

    /** What happened to one attempt. */
    sealed interface Outcome {
        record Delivered(int statusCode) implements Outcome {}

        record Failed(Integer statusCode, String error) implements Outcome {}
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final JsonMapper json;
    private final EventsProperties.Webhooks settings;
    private final Backoff backoff;
    private final WebhookClient http;
    private final Semaphore permits;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Runnable freed = () -> {};

    private final MeterRegistry meters;

    WebhookDispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Outbox outbox,
            JsonMapper json,
            EventsProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.outbox = outbox;
        this.json = json;
        this.meters = meters;
        this.settings = properties.webhooks();
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.permits = new Semaphore(settings.concurrency());
        this.http = new WebhookClient(
                new AddressGuard(settings.allowLoopback()),
                settings.connectTimeout(),
                settings.timeout(),
                settings.concurrency());
    }

    /** Claims what is due (as many as there are free workers) and starts delivering it. */
    int dispatchDue() {
        int free = Math.min(permits.availablePermits(), settings.batchSize());
        if (free == 0) {
            return 0;
        }
        var claimed = claim(free);
        for (var delivery : claimed) {
            permits.acquireUninterruptibly();
            executor.execute(() -> {
                try {
                    deliver(delivery);
                } catch (RuntimeException e) {
                    log.error("Webhook delivery {} failed unexpectedly", delivery.deliveryId(), e);
                } finally {
                    permits.release();
                    // A subscription's room is free again: look for its next delivery now rather than
                    // at the next interval, or one subscription could never get past concurrency per
                    // interval.
                    freed.run();
                }
            });
        }
        return claimed.size();
    }

    /** What to do when a delivery ends and frees its worker: wake the delivery poller. */
    void whenFreed(Runnable action) {
        this.freed = action;
    }

    /**
     * Leases up to {@code limit} due deliveries: round robin over the subscriptions with due work
     * whose circuit is not open (the one served longest ago first), each up to its free room — its
     * concurrency minus what is in flight, one in all while half open. Subscription rows are locked
     * while claiming, so instances never overfill one subscription together.
     */
    List<Claimed> claim(int limit) {
        return jdbc.sql("""
                        with candidates as (
                            select s.tenant_id, s.subscription_id,
                                   (case when s.paused_until is null then :per else 1 end)
                                     - (select count(*) from webhook_deliveries busy
                                        where busy.tenant_id = s.tenant_id
                                          and busy.subscription_id = s.subscription_id
                                          and busy.status = 'PENDING'
                                          and busy.lease_until >= now()) as room
                            from webhook_subscriptions s
                            where s.active
                              and (s.paused_until is null or s.paused_until <= now())
                              and exists (
                                  select 1 from webhook_deliveries w
                                  where w.tenant_id = s.tenant_id and w.subscription_id = s.subscription_id
                                    and w.status = 'PENDING' and w.next_attempt_at <= now())
                            order by s.last_claimed_at nulls first
                            limit :limit
                            for update of s skip locked),
                        due as (
                            select d.tenant_id, d.delivery_id, d.subscription_id
                            from candidates c
                            cross join lateral (
                                select d.tenant_id, d.delivery_id, d.subscription_id
                                from webhook_deliveries d
                                where d.tenant_id = c.tenant_id
                                  and d.subscription_id = c.subscription_id
                                  and d.status = 'PENDING'
                                  and d.next_attempt_at <= now()
                                  and (d.lease_until is null or d.lease_until < now())
                                  and not exists (
                                      select 1 from webhook_deliveries earlier
                                      where earlier.tenant_id = d.tenant_id
                                        and earlier.subscription_id = d.subscription_id
                                        and earlier.order_id = d.order_id
                                        and earlier.status = 'PENDING'
                                        and earlier.position < d.position)
                                order by d.position
                                limit greatest(c.room, 0)
                                for update of d skip locked) d
                            limit :limit),
                        served as (
                            update webhook_subscriptions s set last_claimed_at = now()
                            from (select distinct tenant_id, subscription_id from due) u
                            where s.tenant_id = u.tenant_id and s.subscription_id = u.subscription_id)
                        update webhook_deliveries d
                        set lease_until = now() + cast(:lease as interval), attempts = d.attempts + 1
                        from due, webhook_subscriptions s
                        where d.tenant_id = due.tenant_id and d.delivery_id = due.delivery_id
                          and s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
                        returning d.tenant_id, d.delivery_id, d.subscription_id, d.event_id, d.attempts, d.body,
                                  s.url, s.secret
                        """)
                .param("limit", limit)
                .param("per", settings.perSubscriptionConcurrency())
                .param("lease", settings.lease().toMillis() + " milliseconds")
                .query((rs, n) -> new Claimed(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("delivery_id", UUID.class),
                        rs.getObject("subscription_id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getInt("attempts"),
                        rs.getString("body"),
                        rs.getString("url"),
                        rs.getString("secret")))
                .list();
    }

    /** Makes one attempt and records it. */
    void deliver(Claimed delivery) {
        var started = System.nanoTime();
        var at = Instant.now();
        var outcome = post(delivery);
        var elapsed = Duration.ofNanos(System.nanoTime() - started);
        record(delivery, at, elapsed.toMillis(), outcome);
        var result = switch (outcome) {
            case Outcome.Delivered delivered -> "delivered";
            case Outcome.Failed failed -> delivery.attempt() >= settings.maxAttempts() ? "dead" : "failed";
        };
        Timer.builder("rescind.webhooks.attempts")
                .description("Webhook delivery attempts by result, with their latency")
                .tag("result", result)
                .register(meters)
                .record(elapsed);
    }

    /**
     * Posts the signed envelope; anything but a 2xx answer is a failure. The host is resolved and
     * checked by the SSRF guard on the way to the connection, never before it.
     */
    Outcome post(Claimed delivery) {
        URI url;
        try {
            url = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(null, "invalid URL");
        }
        var timestamp = Instant.now().getEpochSecond();
        var id = delivery.eventId().toString();
        String signature;
        try {
            signature = new Webhook(delivery.secret()).sign(id, timestamp, delivery.body());
        } catch (Exception e) {
            return new Outcome.Failed(null, "cannot sign: " + e.getClass().getSimpleName());
        }
        var headers = new LinkedHashMap<String, String>();
        headers.put("User-Agent", "Rescind-Webhooks/1");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", signature);
        return switch (http.post(url, headers, delivery.body())) {
            case WebhookClient.Answer.Status status
            when status.code() >= 200 && status.code() < 300 -> new Outcome.Delivered(status.code());
            case WebhookClient.Answer.Status status -> new Outcome.Failed(status.code(), "HTTP " + status.code());
            case WebhookClient.Answer.Refused refused -> new Outcome.Failed(null, "refused: " + refused.reason());
            case WebhookClient.Answer.Failed failed -> new Outcome.Failed(null, failed.error());
        };
    }

    private void record(Claimed delivery, Instant at, long latency, Outcome outcome) {
        Integer statusCode = switch (outcome) {
            case Outcome.Delivered delivered -> delivered.statusCode();
            case Outcome.Failed failed -> failed.statusCode();
        };
        String error = switch (outcome) {
            case Outcome.Delivered delivered -> null;
            case Outcome.Failed failed -> truncate(failed.error());
        };
        jdbc.sql("""
                        insert into webhook_attempts (tenant_id, delivery_id, attempt, at, status_code, latency_ms, error)
                        values (:tenant, :delivery, :attempt, :at, :status, :latency, :error)
                        """)
                .param("tenant", delivery.tenantId())
                .param("delivery", delivery.deliveryId())
                .param("attempt", delivery.attempt())
                .param("at", java.sql.Timestamp.from(at))
                .param("status", statusCode, java.sql.Types.INTEGER)
                .param("latency", latency)
                .param("error", error, java.sql.Types.VARCHAR)
                .update();
        switch (outcome) {
            case Outcome.Delivered delivered -> {
                jdbc.sql("""
                                update webhook_deliveries
                                set status = 'DELIVERED', delivered_at = now(), lease_until = null
                                where tenant_id = :tenant and delivery_id = :delivery
                                """)
                        .param("tenant", delivery.tenantId())
                        .param("delivery", delivery.deliveryId())
                        .update();
                closeCircuit(delivery);
            }
            case Outcome.Failed failed -> {
                boolean dead = delivery.attempt() >= settings.maxAttempts();
                var delay = backoff.after(delivery.attempt(), ThreadLocalRandom.current());
                jdbc.sql("""
                                update webhook_deliveries
                                set status = :status, lease_until = null,
                                    next_attempt_at = now() + cast(:delay as interval),
                                    dead_reason = case when :status = 'DEAD' then 'max-attempts' end
                                where tenant_id = :tenant and delivery_id = :delivery
                                """)
                        .param("status", dead ? "DEAD" : "PENDING")
                        .param("delay", delay.toMillis() + " milliseconds")
                        .param("tenant", delivery.tenantId())
                        .param("delivery", delivery.deliveryId())
                        .update();
                if (dead) {
                    log.warn(
                            "Webhook delivery {} is a dead letter after {} attempts: {}",
                            delivery.deliveryId(),
                            delivery.attempt(),
                            failed.error());
                }
                countFailure(delivery, truncate(failed.error()));
            }
        }
    }

    /** A success closes the subscription's circuit; if it was open, its owner is told. */
    private void closeCircuit(Claimed delivery) {
        transactions.executeWithoutResult(status -> {
            var resumed = jdbc.sql("""
                            update webhook_subscriptions s
                            set consecutive_failures = 0, paused_until = null, paused_since = null
                            from webhook_subscriptions before
                            where s.tenant_id = :tenant and s.subscription_id = :subscription
                              and before.tenant_id = s.tenant_id and before.subscription_id = s.subscription_id
                              and (s.consecutive_failures > 0 or s.paused_until is not null)
                            returning s.party_id, s.url, before.paused_since
                            """)
                    .param("tenant", delivery.tenantId())
                    .param("subscription", delivery.subscriptionId())
                    .query((rs, n) -> rs.getObject("paused_since", OffsetDateTime.class) == null
                            ? null
                            : Map.<String, Object>of(
                                    "partyId", rs.getObject("party_id", UUID.class),
                                    "subscriptionId", delivery.subscriptionId(),
                                    "url", rs.getString("url"),
                                    "pausedSince",
                                            rs.getObject("paused_since", OffsetDateTime.class)
                                                    .toInstant()
                                                    .toString()))
                    .optional();
            resumed.ifPresent(event -> {
                log.info("Webhook subscription {} resumed: its endpoint answers again", delivery.subscriptionId());
                outbox.append(
                        delivery.tenantId(), null, "webhook.subscription_resumed", json.writeValueAsString(event));
            });
        });
    }

    /**
     * Counts a failed attempt against the subscription; the one that reaches the threshold opens
     * its circuit (paused, doubling with each failed probe) and tells its owner.
     */
    private void countFailure(Claimed delivery, String error) {
        var circuit = settings.circuit();
        transactions.executeWithoutResult(status -> {
            var paused = jdbc.sql("""
                            update webhook_subscriptions s
                            set consecutive_failures = s.consecutive_failures + 1,
                                last_error = :error, last_failure_at = now(),
                                paused_until = case when s.consecutive_failures + 1 >= :threshold
                                    then now() + least(
                                        cast(:pause as interval)
                                            * power(2, least(s.consecutive_failures + 1 - :threshold, 20)),
                                        cast(:max as interval)) end,
                                paused_since = case when s.consecutive_failures + 1 >= :threshold
                                    then coalesce(s.paused_since, now()) end
                            where s.tenant_id = :tenant and s.subscription_id = :subscription
                            returning s.party_id, s.url, s.paused_until, s.consecutive_failures,
                                      s.consecutive_failures = :threshold as opened
                            """)
                    .param("error", error, java.sql.Types.VARCHAR)
                    .param("threshold", circuit.failures())
                    .param("pause", circuit.pause().toMillis() + " milliseconds")
                    .param("max", circuit.maxPause().toMillis() + " milliseconds")
                    .param("tenant", delivery.tenantId())
                    .param("subscription", delivery.subscriptionId())
                    .query((rs, n) -> !rs.getBoolean("opened")
                            ? null
                            : Map.<String, Object>of(
                                    "partyId", rs.getObject("party_id", UUID.class),
                                    "subscriptionId", delivery.subscriptionId(),
                                    "url", rs.getString("url"),
                                    "consecutiveFailures", rs.getInt("consecutive_failures"),
                                    "pausedUntil",
                                            rs.getObject("paused_until", OffsetDateTime.class)
                                                    .toInstant()
                                                    .toString(),
                                    "lastError", error == null ? "" : error))
                    .optional();
            paused.ifPresent(event -> {
                log.warn(
                        "Webhook subscription {} paused after {} failed attempts in a row: {}",
                        delivery.subscriptionId(),
                        circuit.failures(),
                        error);
                outbox.append(delivery.tenantId(), null, "webhook.subscription_paused", json.writeValueAsString(event));
            });
        });
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public void destroy() throws IOException {
        // Deliveries under way finish (each is bounded by the receiver timeout) and record their
        // attempt; a delivery cut short stays leased and is tried again after its lease.
        executor.shutdown();
        try {
            if (!executor.awaitTermination(
                    settings.timeout().toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
