package io.rescind.events;

import com.standardwebhooks.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * Works the pending webhook deliveries. A due delivery is claimed by taking a lease on it
 * ({@code FOR UPDATE SKIP LOCKED}, then committed), posted outside any transaction, and its
 * outcome recorded. An instance that dies mid-delivery leaves its lease to expire, and the delivery
 * is made again: at least once, with the same {@code webhook-id}.
 *
 * <p>Each delivery runs on its own virtual thread with bounded timeouts, so a slow or dead receiver
 * holds only its own deliveries, never the relay, the cancel path or other subscribers. A delivery
 * waits while an older one of the same order to the same subscription is still pending, so each
 * receiver gets an order's events in order.
 */
@Component
class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;

    /** A delivery this instance holds the lease of. */
    record Claimed(UUID tenantId, UUID deliveryId, UUID eventId, int attempt, String body, String url, String secret) {}

    /** What happened to one attempt. */
    sealed interface Outcome {
        record Delivered(int statusCode) implements Outcome {}

        record Failed(Integer statusCode, String error) implements Outcome {}
    }

    private final JdbcClient jdbc;
    private final EventsProperties.Webhooks settings;
    private final AddressGuard guard;
    private final Backoff backoff;
    private final HttpClient http;
    private final Semaphore permits;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private final MeterRegistry meters;

    WebhookDispatcher(JdbcClient jdbc, EventsProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        this.settings = properties.webhooks();
        this.guard = new AddressGuard(settings.allowLoopback());
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.permits = new Semaphore(settings.concurrency());
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain HTTP/1.1: no h2c upgrade headers that some receivers reject.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
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
                }
            });
        }
        return claimed.size();
    }

    List<Claimed> claim(int limit) {
        return jdbc.sql("""
                        with due as (
                            select d.tenant_id, d.delivery_id
                            from webhook_deliveries d
                            where d.status = 'PENDING'
                              and d.next_attempt_at <= now()
                              and (d.lease_until is null or d.lease_until < now())
                              and not exists (
                                  select 1 from webhook_deliveries earlier
                                  where earlier.tenant_id = d.tenant_id
                                    and earlier.subscription_id = d.subscription_id
                                    and earlier.order_id = d.order_id
                                    and earlier.status = 'PENDING'
                                    and earlier.position < d.position)
                            order by d.next_attempt_at, d.position
                            limit :limit
                            for update of d skip locked)
                        update webhook_deliveries d
                        set lease_until = now() + cast(:lease as interval), attempts = d.attempts + 1
                        from due, webhook_subscriptions s
                        where d.tenant_id = due.tenant_id and d.delivery_id = due.delivery_id
                          and s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
                        returning d.tenant_id, d.delivery_id, d.event_id, d.attempts, d.body, s.url, s.secret
                        """)
                .param("limit", limit)
                .param("lease", settings.lease().toMillis() + " milliseconds")
                .query((rs, n) -> new Claimed(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("delivery_id", UUID.class),
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

    /** Posts the signed envelope; anything but a 2xx answer is a failure. */
    Outcome post(Claimed delivery) {
        URI url;
        try {
            url = URI.create(delivery.url());
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(null, "invalid URL");
        }
        var refusal = guard.refusal(url);
        if (refusal.isPresent()) {
            return new Outcome.Failed(null, "refused: " + refusal.get());
        }
        try {
            var timestamp = Instant.now().getEpochSecond();
            var id = delivery.eventId().toString();
            var signature = new Webhook(delivery.secret()).sign(id, timestamp, delivery.body());
            var request = HttpRequest.newBuilder(url)
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Rescind-Webhooks/1")
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new Outcome.Delivered(status)
                    : new Outcome.Failed(status, "HTTP " + status);
        } catch (IOException e) {
            return new Outcome.Failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Failed(null, "interrupted");
        } catch (Exception e) {
            return new Outcome.Failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
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
            case Outcome.Delivered delivered ->
                jdbc.sql("""
                                update webhook_deliveries
                                set status = 'DELIVERED', delivered_at = now(), lease_until = null
                                where tenant_id = :tenant and delivery_id = :delivery
                                """)
                        .param("tenant", delivery.tenantId())
                        .param("delivery", delivery.deliveryId())
                        .update();
            case Outcome.Failed failed -> {
                boolean dead = delivery.attempt() >= settings.maxAttempts();
                var delay = backoff.after(delivery.attempt(), ThreadLocalRandom.current());
                jdbc.sql("""
                                update webhook_deliveries
                                set status = :status, lease_until = null,
                                    next_attempt_at = now() + cast(:delay as interval)
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
            }
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }

    @Override
    public void destroy() {
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
    }
}
