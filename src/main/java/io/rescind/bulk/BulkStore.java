package io.rescind.bulk;

import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk jobs and their orders in PostgreSQL. The queue is the QUEUED order rows, claimed with
 * {@code SKIP LOCKED}. The selections read {@code purchase_orders} and {@code order_lines} directly,
 * read-only: the orders module offers no query by SKU across orders.
 */
@Repository
class BulkStore {

    private static final TypeReference<List<BulkCancelRequest.LineEntry>> LINES = new TypeReference<>() {};
    private static final TypeReference<List<OrderResult.Refusal>> REFUSALS = new TypeReference<>() {};

    /** An order row a worker holds the lock of, with the job's requester and terms. */
    record Claimed(UUID tenantId, UUID jobId, Planned order, Caller caller, Planned.Terms terms, int attempts) {}

    /** A stored job's own columns, before its progress is counted. */
    record JobRow(
            UUID id,
            UUID requestedBy,
            boolean cancelled,
            String reason,
            String note,
            String requestHash,
            Instant createdAt,
            Instant updatedAt) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    BulkStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** The caller's visible orders among those named, by id and by number. */
    Map<Object, Planned> resolve(Caller caller, List<UUID> ids, List<Long> numbers) {
        var found = new LinkedHashMap<Object, Planned>();
        if (!ids.isEmpty()) {
            visible(caller, "order_id in (:refs)", ids).forEach(order -> found.put(order.orderId(), order));
        }
        if (!numbers.isEmpty()) {
            visible(caller, "order_number in (:refs)", numbers).forEach(order -> found.put(order.orderNumber(), order));
        }
        return found;
    }

    private List<Planned> visible(Caller caller, String condition, List<?> refs) {
        return jdbc.sql("""
                        select order_id, order_number from purchase_orders
                        where tenant_id = :tenant and (:operator or buyer_id = :party or seller_id = :party)
                          and %s
                        """.formatted(condition))
                .param("tenant", caller.tenantId())
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .param("refs", refs)
                .query((rs, n) ->
                        new Planned(0, rs.getObject("order_id", UUID.class), rs.getLong("order_number"), List.of()))
                .list();
    }

    /**
     * Every open line (some quantity neither shipped, cancelled nor held; not completed or cancelled)
     * of the caller's visible orders matching the selection, grouped by order in order-number order.
     * At most {@code limit} + 1 orders, so the caller can tell a selection that is too large.
     */
    List<Planned> select(Caller caller, BulkCancelRequest.Selection selection, int limit) {
        var where = new StringBuilder("""
                o.tenant_id = :tenant and (:operator or o.buyer_id = :party or o.seller_id = :party)
                and l.status not in ('COMPLETED', 'CANCELLED')
                and l.quantity - l.shipped_quantity - l.cancelled_quantity - l.pending_cancel_quantity > 0
                """);
        var params = new LinkedHashMap<String, Object>();
        params.put("tenant", caller.tenantId());
        params.put("operator", caller.isOperator());
        params.put("party", caller.partyId());
        if (selection.productId() != null) {
            where.append(" and l.product_id = :product");
            params.put("product", selection.productId());
        }
        if (selection.sellerId() != null) {
            where.append(" and o.seller_id = :seller");
            params.put("seller", selection.sellerId());
        }
        if (selection.buyerId() != null) {
            where.append(" and o.buyer_id = :buyer");
            params.put("buyer", selection.buyerId());
        }
        if (selection.placedBefore() != null) {
            where.append(" and o.created_at < :before");
            params.put("before", utc(selection.placedBefore()));
        }
        params.put("limit", limit + 1);
        var orders = new ArrayList<Planned>();
        jdbc.sql("""
                        select o.order_id, o.order_number, array_agg(l.line_id order by l.line_number) as line_ids
                        from purchase_orders o
                        join order_lines l on l.tenant_id = o.tenant_id and l.order_id = o.order_id
                        where %s
                        group by o.order_id, o.order_number
                        order by o.order_number
                        limit :limit
                        """.formatted(where)).params(params).query(rs -> {
            var lineIds = (Object[]) rs.getArray("line_ids").getArray();
            var lines = new ArrayList<BulkCancelRequest.LineEntry>(lineIds.length);
            for (var id : lineIds) {
                lines.add(new BulkCancelRequest.LineEntry((UUID) id, null, null, null));
            }
            orders.add(new Planned(
                    orders.size() + 1, rs.getObject("order_id", UUID.class), rs.getLong("order_number"), lines));
        });
        return orders;
    }

    Optional<JobRow> findByKey(Caller caller, String idempotencyKey) {
        return jdbc.sql("""
                        select * from bulk_jobs
                        where tenant_id = :tenant and requested_by = :party and idempotency_key = :key
                        """)
                .param("tenant", caller.tenantId())
                .param("party", caller.partyId())
                .param("key", idempotencyKey)
                .query(this::jobRow)
                .optional();
    }

    /** The job, if the caller requested it (operators see every job of their tenant). */
    Optional<JobRow> find(Caller caller, UUID jobId) {
        return jdbc.sql("""
                        select * from bulk_jobs
                        where tenant_id = :tenant and job_id = :id and (:operator or requested_by = :party)
                        """)
                .param("tenant", caller.tenantId())
                .param("id", jobId)
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .query(this::jobRow)
                .optional();
    }

    /** The caller's jobs (an operator: the tenant's), newest first, created before {@code before}. */
    List<JobRow> list(Caller caller, Instant before, int limit) {
        return jdbc.sql("""
                        select * from bulk_jobs
                        where tenant_id = :tenant and (:operator or requested_by = :party) and created_at < :before
                        order by created_at desc
                        limit :limit
                        """)
                .param("tenant", caller.tenantId())
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .param("before", utc(before))
                .param("limit", limit)
                .query(this::jobRow)
                .list();
    }

    /**
     * Stores a job and its orders, all queued but those already known to be refused (an order the
     * caller cannot see).
     */
    void insert(
            Caller caller,
            UUID jobId,
            Planned.Terms terms,
            String idempotencyKey,
            String requestHash,
            List<Planned> orders,
            Instant now) {
        jdbc.sql("""
                        insert into bulk_jobs (tenant_id, job_id, requested_by, requested_role, status, reason, note,
                            restock, idempotency_key, request_hash, total, created_at, updated_at)
                        values (:tenant, :job, :party, :role, 'RUNNING', :reason, :note, :restock, :key, :hash,
                            :total, :now, :now)
                        """)
                .param("tenant", caller.tenantId())
                .param("job", jobId)
                .param("party", caller.partyId())
                .param("role", caller.role().name())
                .param("reason", terms.reason())
                .param("note", terms.note())
                .param("restock", terms.restock())
                .param("key", idempotencyKey)
                .param("hash", requestHash)
                .param("total", orders.size())
                .param("now", utc(now))
                .update();
        var at = Timestamp.from(now);
        var notFound = json.writeValueAsString(List.of(notFound()));
        batch.batchUpdate("""
                insert into bulk_job_orders (tenant_id, job_id, seq, order_id, order_number, lines, status,
                    refusals, next_attempt_at, finished_at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), ?, ?)
                """, orders, 1000, (ps, order) -> {
            boolean missing = order.orderId() == null;
            ps.setObject(1, caller.tenantId());
            ps.setObject(2, jobId);
            ps.setInt(3, order.seq());
            ps.setObject(4, order.orderId());
            if (order.orderNumber() == null) {
                ps.setNull(5, Types.BIGINT);
            } else {
                ps.setLong(5, order.orderNumber());
            }
            ps.setString(6, order.lines().isEmpty() ? null : json.writeValueAsString(order.lines()));
            ps.setString(7, missing ? "REFUSED" : "QUEUED");
            ps.setString(8, missing ? notFound : "[]");
            ps.setTimestamp(9, at);
            ps.setTimestamp(10, missing ? at : null);
        });
    }

    static OrderResult.Refusal notFound() {
        return new OrderResult.Refusal("not-found", null, null, "Order not found");
    }

    /** A job's counts, and when its last order was worked. */
    record Counted(BulkJob.Progress counts, Instant lastFinishedAt) {}

    /** Counts of the job's orders by status, and the units cancelled. */
    Counted progress(UUID tenantId, UUID jobId) {
        var counts = new java.util.EnumMap<OrderResult.Status, Integer>(OrderResult.Status.class);
        long[] units = {0};
        Instant[] last = {null};
        jdbc.sql("""
                        select status, count(*) as orders, coalesce(sum(units), 0) as units,
                            max(finished_at) as last from bulk_job_orders
                        where tenant_id = :tenant and job_id = :job
                        group by status
                        """).param("tenant", tenantId).param("job", jobId).query(rs -> {
            counts.put(OrderResult.Status.valueOf(rs.getString("status")), rs.getInt("orders"));
            units[0] += rs.getLong("units");
            var at = rs.getObject("last", OffsetDateTime.class);
            if (at != null && (last[0] == null || at.toInstant().isAfter(last[0]))) {
                last[0] = at.toInstant();
            }
        });
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return new Counted(
                new BulkJob.Progress(
                        total,
                        total - counts.getOrDefault(OrderResult.Status.QUEUED, 0),
                        counts.getOrDefault(OrderResult.Status.APPLIED, 0),
                        counts.getOrDefault(OrderResult.Status.REFUSED, 0),
                        counts.getOrDefault(OrderResult.Status.PENDING_APPROVAL, 0),
                        counts.getOrDefault(OrderResult.Status.SKIPPED, 0),
                        counts.getOrDefault(OrderResult.Status.FAILED, 0),
                        units[0]),
                last[0]);
    }

    /** A page of the job's results after {@code afterSeq}, optionally of one status only. */
    List<OrderResult> results(UUID tenantId, UUID jobId, int afterSeq, OrderResult.Status status, int limit) {
        return jdbc.sql("""
                        select * from bulk_job_orders
                        where tenant_id = :tenant and job_id = :job and seq > :after
                          and (:any or status = :status)
                        order by seq
                        limit :limit
                        """)
                .param("tenant", tenantId)
                .param("job", jobId)
                .param("after", afterSeq)
                .param("any", status == null)
                .param("status", status == null ? "" : status.name())
                .param("limit", limit)
                .query(this::result)
                .list();
    }

    /**
     * Marks the job cancelled and skips its orders not yet worked. An order being worked right now
     * holds its row lock: this waits for it and then finds it done, so a job stops between orders.
     */
    boolean cancel(UUID tenantId, UUID jobId) {
        int updated =
                jdbc.sql("""
                        update bulk_jobs set status = 'CANCELLED', updated_at = now()
                        where tenant_id = :tenant and job_id = :job and status = 'RUNNING'
                        """).param("tenant", tenantId).param("job", jobId).update();
        jdbc.sql("""
                        update bulk_job_orders set status = 'SKIPPED', finished_at = now()
                        where tenant_id = :tenant and job_id = :job and status = 'QUEUED'
                        """).param("tenant", tenantId).param("job", jobId).update();
        return updated == 1;
    }

    /**
     * Locks the next due queued order of any job, skipping those other workers hold. Must run in the
     * transaction that then records the order's result.
     */
    Optional<Claimed> claimNext() {
        return jdbc.sql("""
                        select o.*, j.requested_by, j.requested_role, j.reason, j.note, j.restock
                        from bulk_job_orders o
                        join bulk_jobs j on j.tenant_id = o.tenant_id and j.job_id = o.job_id
                        where o.status = 'QUEUED' and o.next_attempt_at <= now()
                        order by o.next_attempt_at, o.seq
                        limit 1
                        for update of o skip locked
                        """)
                .query((rs, n) -> new Claimed(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("job_id", UUID.class),
                        planned(rs),
                        new Caller(
                                rs.getObject("tenant_id", UUID.class),
                                rs.getObject("requested_by", UUID.class),
                                PartyRole.valueOf(rs.getString("requested_role"))),
                        new Planned.Terms(rs.getString("reason"), rs.getString("note"), rs.getBoolean("restock")),
                        rs.getInt("attempts")))
                .optional();
    }

    void finish(UUID tenantId, UUID jobId, int seq, SingleOrderCancels.Outcome outcome) {
        jdbc.sql("""
                        update bulk_job_orders set status = :status, cancellation_id = :cancellation, units = :units,
                            refusals = cast(:refusals as jsonb), attempts = attempts + 1, finished_at = now()
                        where tenant_id = :tenant and job_id = :job and seq = :seq
                        """)
                .param("status", outcome.status().name())
                .param("cancellation", outcome.cancellationId())
                .param("units", outcome.units())
                .param("refusals", json.writeValueAsString(outcome.refusals()))
                .param("tenant", tenantId)
                .param("job", jobId)
                .param("seq", seq)
                .update();
    }

    /** Puts an order back in the queue for later; {@code counted} when a run failed (not just busy). */
    void retryLater(UUID tenantId, UUID jobId, int seq, Instant due, boolean counted) {
        jdbc.sql("""
                        update bulk_job_orders set next_attempt_at = :due, attempts = attempts + :count
                        where tenant_id = :tenant and job_id = :job and seq = :seq
                        """)
                .param("due", utc(due))
                .param("count", counted ? 1 : 0)
                .param("tenant", tenantId)
                .param("job", jobId)
                .param("seq", seq)
                .update();
    }

    private Planned planned(ResultSet rs) throws SQLException {
        var lines = rs.getString("lines");
        return new Planned(
                rs.getInt("seq"),
                rs.getObject("order_id", UUID.class),
                (Long) rs.getObject("order_number"),
                lines == null ? List.of() : json.readValue(lines, LINES));
    }

    private OrderResult result(ResultSet rs, int rowNum) throws SQLException {
        return new OrderResult(
                rs.getInt("seq"),
                rs.getObject("order_id", UUID.class),
                (Long) rs.getObject("order_number"),
                OrderResult.Status.valueOf(rs.getString("status")),
                rs.getObject("cancellation_id", UUID.class),
                rs.getLong("units"),
                json.readValue(rs.getString("refusals"), REFUSALS));
    }

    private JobRow jobRow(ResultSet rs, int rowNum) throws SQLException {
        return new JobRow(
                rs.getObject("job_id", UUID.class),
                rs.getObject("requested_by", UUID.class),
                "CANCELLED".equals(rs.getString("status")),
                rs.getString("reason"),
                rs.getString("note"),
                rs.getString("request_hash"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
