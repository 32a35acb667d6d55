package io.rescind.parties;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL, so that every instance counts against the same limits: a caller's
 * and its tenant's bucket are refilled for the time elapsed and taken from in one statement (the
 * row locks of the upsert serialise concurrent requests of a tenant, in the same order for all,
 * so two requests never wait on each other crosswise). A request refused by one bucket has still
 * taken from the other: a refused client's own refusals count against it.
 */
@Component
public class RateLimits {

    /** Whether the request may go on, and if not, in how many seconds it may be sent again. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
        static final Verdict ALLOWED = new Verdict(true, 0);
    }

    private static final String AVAILABLE = """
            least(coalesce(b.capacity_override, excluded.capacity),
                  b.tokens + extract(epoch from clock_timestamp() - b.refreshed_at)
                           * coalesce(b.per_second_override, excluded.per_second))""";

    private static final String TAKE = """
            insert into rate_buckets as b (bucket, capacity, per_second, tokens, granted, refreshed_at)
            values (:caller, :callerBurst, :callerRate, :callerBurst - 1, true, clock_timestamp()),
                   (:tenant, :tenantBurst, :tenantRate, :tenantBurst - 1, true, clock_timestamp())
            on conflict (bucket) do update
            set capacity = excluded.capacity,
                per_second = excluded.per_second,
                tokens = %1$s - case when %1$s >= 1 then 1 else 0 end,
                granted = %1$s >= 1,
                refreshed_at = clock_timestamp()
            returning granted, tokens, coalesce(per_second_override, per_second) as rate
            """.formatted(AVAILABLE);

    private final JdbcClient jdbc;
    private final RateLimitProperties properties;

    RateLimits(JdbcClient jdbc, RateLimitProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** Takes one request from the caller's bucket and its tenant's. */
    public Verdict take(Caller caller) {
        if (!properties.enabled()) {
            return Verdict.ALLOWED;
        }
        var perCaller = properties.perCaller();
        var perTenant = properties.perTenant();
        var refusals = jdbc.sql(TAKE)
                .param("caller", bucketOf(caller))
                .param("callerBurst", perCaller.burst())
                .param("callerRate", perCaller.perSecond())
                .param("tenant", bucketOf(caller.tenantId()))
                .param("tenantBurst", perTenant.burst())
                .param("tenantRate", perTenant.perSecond())
                .query((rs, n) -> rs.getBoolean("granted")
                        ? 0L
                        : (long) Math.ceil((1 - rs.getDouble("tokens")) / rs.getDouble("rate")))
                .list();
        long wait = refusals.stream().mapToLong(Long::longValue).max().orElse(0);
        return wait > 0 ? new Verdict(false, wait) : Verdict.ALLOWED;
    }

    /** The bucket of one caller: its party, whichever of its keys or tokens it uses. */
    public static String bucketOf(Caller caller) {
        return "party:" + caller.partyId();
    }

    public static String bucketOf(UUID tenantId) {
        return "tenant:" + tenantId;
    }
}
