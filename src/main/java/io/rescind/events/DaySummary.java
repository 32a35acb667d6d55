package io.rescind.events;

import io.rescind.RescindException;
import io.rescind.parties.Caller;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What happened in a tenant since an instant, counted from its outbox (which holds every change as
 * an event, published or not): changes by type, refusals by reason, and how far the relay is
 * behind. For an operator's dashboard; nobody else may read it.
 */
@Service
public class DaySummary {

    /**
     * @param changes events by type ({@code order.lines_cancelled} ...), most frequent first
     * @param refusals refused lines by refusal reason slug, most frequent first
     * @param unpublished events not yet relayed (in the whole tenant, of any day)
     * @param lag age of the oldest event not yet relayed; zero when none waits
     */
    public record Summary(Map<String, Long> changes, Map<String, Long> refusals, long unpublished, Duration lag) {}

    private final JdbcClient jdbc;

    DaySummary(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Summary since(Caller operator, Instant since) {
        if (!operator.isOperator()) {
            throw new RescindException(
                    RescindException.Kind.FORBIDDEN, "not-allowed-for-role", "Only operators read the summary");
        }
        var from = OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC);
        var changes = new LinkedHashMap<String, Long>();
        jdbc.sql("""
                        select type, count(*) as n from outbox
                        where tenant_id = :tenant and occurred_at >= :since
                        group by type order by n desc, type
                        """).param("tenant", operator.tenantId()).param("since", from).query(rs -> {
            changes.put(rs.getString("type"), rs.getLong("n"));
        });
        var refusals = new LinkedHashMap<String, Long>();
        jdbc.sql("""
                        select r ->> 'reason' as reason, count(*) as n
                        from outbox o, jsonb_array_elements(o.payload -> 'change' -> 'refusals') r
                        where o.tenant_id = :tenant and o.occurred_at >= :since
                          and o.type = 'order.cancellation_refused'
                        group by 1 order by n desc, 1
                        """).param("tenant", operator.tenantId()).param("since", from).query(rs -> {
            refusals.put(rs.getString("reason"), rs.getLong("n"));
        });
        var backlog = jdbc.sql("""
                        select count(*) as n, min(occurred_at) as oldest from outbox
                        where tenant_id = :tenant and published_at is null
                        """)
                .param("tenant", operator.tenantId())
                .query((rs, n) -> {
                    var oldest = rs.getObject("oldest", OffsetDateTime.class);
                    var lag = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now());
                    return Map.entry(rs.getLong("n"), lag.isNegative() ? Duration.ZERO : lag);
                })
                .single();
        return new Summary(changes, refusals, backlog.getKey(), backlog.getValue());
    }
}
