package io.rescind.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What is waiting, read from the tables: pending cancel requests, unpublished outbox events and
 * the age of the oldest (the relay's lag), pending actions and the oldest, webhook deliveries due
 * and dead letters. Every instance reports the same figures (they are the database's), so
 * dashboards take their max, not their sum. One round of queries serves every gauge and is reused
 * for {@code rescind.operations.backlog-refresh}, so scrapes by several collectors cost one round.
 */
final class Backlogs implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(Backlogs.class);

    record Snapshot(
            double pendingRequests,
            double outboxUnpublished,
            double outboxLagSeconds,
            double actionsPending,
            double actionsOldestSeconds,
            double webhooksPending,
            double webhooksOldestSeconds,
            double deadLetters) {

        static final Snapshot UNKNOWN = new Snapshot(
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private final JdbcClient jdbc;
    private final Duration refresh;
    private Snapshot last = Snapshot.UNKNOWN;
    private long takenAt;
    private boolean taken;

    Backlogs(JdbcClient jdbc, Duration refresh) {
        this.jdbc = jdbc;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "rescind.cancel.requests.pending",
                "Cancel requests awaiting the other side's decision",
                Snapshot::pendingRequests,
                null);
        gauge(
                registry,
                "rescind.outbox.unpublished",
                "Outbox events not yet published by the relay",
                Snapshot::outboxUnpublished,
                null);
        gauge(
                registry,
                "rescind.outbox.lag",
                "Age of the oldest unpublished outbox event (0 when none)",
                Snapshot::outboxLagSeconds,
                "seconds");
        gauge(
                registry,
                "rescind.actions.pending",
                "Asynchronous actions not yet carried out",
                Snapshot::actionsPending,
                null);
        gauge(
                registry,
                "rescind.actions.oldest.age",
                "Age of the oldest pending action (0 when none)",
                Snapshot::actionsOldestSeconds,
                "seconds");
        gauge(
                registry,
                "rescind.webhooks.pending",
                "Webhook deliveries not yet delivered (due or backing off)",
                Snapshot::webhooksPending,
                null);
        gauge(
                registry,
                "rescind.webhooks.oldest.age",
                "Age of the oldest webhook delivery not yet delivered (0 when none)",
                Snapshot::webhooksOldestSeconds,
                "seconds");
        gauge(
                registry,
                "rescind.webhooks.dead",
                "Dead letters: webhook deliveries that gave up, until redelivered",
                Snapshot::deadLetters,
                null);
    }

    private void gauge(
            MeterRegistry registry, String name, String description, ToDoubleFunction<Snapshot> figure, String unit) {
        Gauge.builder(name, this, backlogs -> figure.applyAsDouble(backlogs.current()))
                .description(description)
                .baseUnit(unit)
                .strongReference(true)
                .register(registry);
    }

    synchronized Snapshot current() {
        if (!taken || System.nanoTime() - takenAt >= refresh.toNanos()) {
            last = take();
            takenAt = System.nanoTime();
            taken = true;
        }
        return last;
    }

    private Snapshot take() {
        try {
            // Each count runs on a partial index of the waiting rows (status or published_at),
            // except dead letters, which are few but have no index of their own.
            return jdbc.sql("""
                            select
                              (select count(*) from cancellations where status = 'PENDING') as pending_requests,
                              o.unpublished, o.lag,
                              a.pending as actions_pending, a.oldest as actions_oldest,
                              w.pending as webhooks_pending, w.oldest as webhooks_oldest,
                              (select count(*) from webhook_deliveries where status = 'DEAD') as dead_letters
                            from
                              (select count(*) as unpublished,
                                      coalesce(extract(epoch from now() - min(occurred_at)), 0) as lag
                                 from outbox where published_at is null) o,
                              (select count(*) as pending,
                                      coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
                                 from actions where status = 'PENDING') a,
                              (select count(*) as pending,
                                      coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
                                 from webhook_deliveries where status = 'PENDING') w
                            """)
                    .query((rs, n) -> new Snapshot(
                            rs.getDouble("pending_requests"),
                            rs.getDouble("unpublished"),
                            rs.getDouble("lag"),
                            rs.getDouble("actions_pending"),
                            rs.getDouble("actions_oldest"),
                            rs.getDouble("webhooks_pending"),
                            rs.getDouble("webhooks_oldest"),
                            rs.getDouble("dead_letters")))
                    .single();
        } catch (RuntimeException unavailable) {
            // The database is away (or the pool closing): the gauges say "unknown", not zero.
            log.debug("Backlog figures unavailable", unavailable);
            return Snapshot.UNKNOWN;
        }
    }
}
