package io.rescind.actions;

import io.rescind.events.Outbox;
import io.rescind.orders.Amendment;
import io.rescind.orders.CancelLines;
import io.rescind.parties.Caller;
import io.rescind.parties.PartyRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Action rows in PostgreSQL; the queue is the pending rows, claimed with {@code SKIP LOCKED}. */
@Repository
class ActionStore {

    private static final TypeReference<List<Action.Error>> ERRORS = new TypeReference<>() {};
    private static final TypeReference<List<UUID>> IDS = new TypeReference<>() {};

    /** A pending action a worker holds the row lock of, with what it needs to run it. */
    record Claimed(Action action, Caller caller, List<Step> steps, int attempts) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredCommand commands;
    private final Outbox outbox;

    ActionStore(JdbcClient jdbc, JsonMapper json, Outbox outbox) {
        this.jdbc = jdbc;
        this.json = json;
        this.commands = new StoredCommand(json);
        this.outbox = outbox;
    }

    void insert(Caller caller, Action action, List<CancelLines> cancels) {
        insert(caller, action, commands.write(cancels), null);
    }

    /**
     * Stores one step as an action of its own under {@code orderingKey} (the action's type says
     * which kind of step it holds).
     */
    void insert(Caller caller, Action action, Step step, String orderingKey) {
        var command = switch (step) {
            case Step.Cancel cancel -> commands.write(List.of(cancel.command()));
            case Step.Amend amend -> json.writeValueAsString(amend.amendment());
        };
        insert(caller, action, command, orderingKey);
    }

    /**
     * Stores an action; with an ordering key it runs after every action accepted earlier under that
     * key. Call {@link #lockKey} first in the same transaction, so that the key's sequence follows
     * commit order.
     */
    private void insert(Caller caller, Action action, String command, String orderingKey) {
        jdbc.sql("""
                        insert into actions (tenant_id, action_id, type, requested_by, requested_role, order_id,
                            command, status, next_attempt_at, created_at, updated_at, ordering_key)
                        values (:tenant, :id, :type, :by, :role, :order, cast(:command as jsonb), :status,
                            :at, :at, :at, :key)
                        """)
                .param("tenant", caller.tenantId())
                .param("id", action.id())
                .param("type", action.type().name())
                .param("by", caller.partyId())
                .param("role", caller.role().name())
                .param("order", action.orderId())
                .param("command", command)
                .param("status", action.status().name())
                .param("at", utc(action.createdAt()))
                .param("key", orderingKey)
                .update();
    }

    /**
     * Serialises, until the transaction ends, everything that asks whether actions are queued under
     * {@code key} and then acts on the answer (runs a command now or queues one behind). Without it
     * two such transactions could both see an empty queue, or a run could miss an action that
     * another transaction is about to commit.
     */
    void lockKey(UUID tenantId, String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('rescind.actions.ordering'), hashtext(:lockKey))")
                .param("lockKey", tenantId + "/" + key)
                .query()
                .singleRow();
    }

    /** Whether any action under {@code key} is still pending (queued, or being run right now). */
    boolean hasPending(UUID tenantId, String key) {
        return jdbc.sql("""
                        select exists (
                            select 1 from actions
                            where tenant_id = :tenant and ordering_key = :key and status = 'PENDING')
                        """)
                .param("tenant", tenantId)
                .param("key", key)
                .query(Boolean.class)
                .single();
    }

    /** An action the caller may see: its own, or any of the tenant's for an operator. */
    Optional<Action> find(Caller caller, UUID actionId) {
        return jdbc.sql("""
                        select * from actions
                        where tenant_id = :tenant and action_id = :id and (:operator or requested_by = :party)
                        """)
                .param("tenant", caller.tenantId())
                .param("id", actionId)
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .query(this::action)
                .optional();
    }

    /** The newest actions the caller may see (an operator: the tenant's), optionally of one status. */
    List<Action> recent(Caller caller, Action.Status status, int limit) {
        return jdbc.sql("""
                        select * from actions
                        where tenant_id = :tenant and (:operator or requested_by = :party)
                          and (cast(:status as text) is null or status = cast(:status as text))
                        order by created_at desc, action_id
                        limit :limit
                        """)
                .param("tenant", caller.tenantId())
                .param("operator", caller.isOperator())
                .param("party", caller.partyId())
                .param("status", status == null ? null : status.name())
                .param("limit", limit)
                .query(this::action)
                .list();
    }

    /**
     * Locks the next due pending action, skipping those other workers hold and those queued behind
     * an older pending action with the same ordering key (head of line only). Must run in the
     * transaction that then records the action's outcome.
     */
    Optional<Claimed> claimNext() {
        return jdbc.sql("""
                        select * from actions a
                        where a.status = 'PENDING' and a.next_attempt_at <= now()
                          and (a.ordering_key is null or not exists (
                              select 1 from actions earlier
                              where earlier.tenant_id = a.tenant_id
                                and earlier.ordering_key = a.ordering_key
                                and earlier.status = 'PENDING'
                                and earlier.sequence < a.sequence))
                        order by a.next_attempt_at
                        limit 1
                        for update of a skip locked
                        """)
                .query((rs, n) -> new Claimed(
                        action(rs, n),
                        new Caller(
                                rs.getObject("tenant_id", UUID.class),
                                rs.getObject("requested_by", UUID.class),
                                PartyRole.valueOf(rs.getString("requested_role"))),
                        steps(Action.Type.valueOf(rs.getString("type")), rs.getString("command")),
                        rs.getInt("attempts")))
                .optional();
    }

    /** A stored action's steps: the cancels it holds, or the one amendment. */
    private List<Step> steps(Action.Type type, String command) {
        return switch (type) {
            case CANCEL ->
                commands.read(command).stream().<Step>map(Step.Cancel::new).toList();
            case AMEND -> List.of(new Step.Amend(json.readValue(command, Amendment.class)));
        };
    }

    void finish(UUID tenantId, UUID actionId, Action.Status status, List<Action.Error> errors, List<UUID> result) {
        var orderId = jdbc.sql("""
                        update actions set status = :status, errors = cast(:errors as jsonb),
                            result = cast(:result as jsonb), attempts = attempts + 1, updated_at = now()
                        where tenant_id = :tenant and action_id = :id
                        returning order_id
                        """)
                .param("status", status.name())
                .param("errors", json.writeValueAsString(errors))
                .param("result", json.writeValueAsString(result))
                .param("tenant", tenantId)
                .param("id", actionId)
                .query(UUID.class)
                .single();
        // Announced with the final status, in the same transaction: clients that listen need not poll.
        outbox.append(
                tenantId,
                orderId,
                "action.finished",
                json.writeValueAsString(new Finished(actionId, orderId, status, errors, result)));
    }

    /** The payload of {@code action.finished}. */
    private record Finished(
            UUID actionId, UUID orderId, Action.Status status, List<Action.Error> errors, List<UUID> cancellationIds) {}

    /** Counts a failed run and puts the action back in the queue for later. */
    void retryLater(UUID tenantId, UUID actionId, Instant due) {
        jdbc.sql("""
                        update actions set attempts = attempts + 1, next_attempt_at = :due, updated_at = now()
                        where tenant_id = :tenant and action_id = :id
                        """)
                .param("due", utc(due))
                .param("tenant", tenantId)
                .param("id", actionId)
                .update();
    }

    /** Puts an action back in the queue without counting a run: its order was busy. */
    void defer(UUID tenantId, UUID actionId, Instant due) {
        jdbc.sql("""
                        update actions set next_attempt_at = :due, updated_at = now()
                        where tenant_id = :tenant and action_id = :id
                        """)
                .param("due", utc(due))
                .param("tenant", tenantId)
                .param("id", actionId)
                .update();
    }

    private Action action(ResultSet rs, int rowNum) throws SQLException {
        var result = rs.getString("result");
        return new Action(
                rs.getObject("action_id", UUID.class),
                Action.Type.valueOf(rs.getString("type")),
                rs.getObject("order_id", UUID.class),
                rs.getObject("requested_by", UUID.class),
                Action.Status.valueOf(rs.getString("status")),
                json.readValue(rs.getString("errors"), ERRORS),
                result == null ? List.of() : json.readValue(result, IDS),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
