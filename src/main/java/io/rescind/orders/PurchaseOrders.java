package io.rescind.orders;

import io.rescind.parties.Caller;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Orders and their lines in PostgreSQL.
 *
 * <p>Locking rule: every change to a line is made while holding its order's row lock ({@link
 * #lock}), taken before anything else in the transaction. One lock per order keeps the lock order
 * trivial (no deadlocks) and the hot path short; {@code FOR NO KEY UPDATE} still lets rows that
 * reference the order (cancellations, history) be inserted concurrently.
 *
 * <p>Visibility rule: a caller sees an order only as its buyer, its seller or an operator of its
 * tenant; anything else reads as absent.
 */
@Repository
public class PurchaseOrders {

    private record TaxRow(String code, BigDecimal amount, BigDecimal cancelled) {}

    private static final TypeReference<List<TaxRow>> TAX_ROWS = new TypeReference<>() {};

    private static final String VISIBLE =
            "tenant_id = :tenant and (:operator or buyer_id = :party or seller_id = :party)";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final OrderJournal journal;
    private final ApplicationEventPublisher events;

    PurchaseOrders(JdbcClient jdbc, JsonMapper json, OrderJournal journal, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.journal = journal;
        this.events = events;
    }

    public Optional<PurchaseOrder> find(Caller caller, UUID orderId) {
        return header(caller, "order_id = :order", orderId, "").map(o -> withLines(o, LineKeys.ALL));
    }

    public Optional<PurchaseOrder> findByNumber(Caller caller, long number) {
        return header(caller, "order_number = :order", number, "").map(o -> withLines(o, LineKeys.ALL));
    }

    /**
     * Bounds how long this transaction waits for any lock from now on; a lock not had in time fails
     * the statement (and so the transaction) with a lock-not-available error.
     */
    public void limitLockWait(java.time.Duration budget) {
        jdbc.sql("select set_config('lock_timeout', :budget, true)")
                .param("budget", budget.toMillis() + "ms")
                .query(String.class)
                .single();
    }

    /** Locks the order for change and loads the wanted lines. */
    public Optional<PurchaseOrder> lock(Caller caller, UUID orderId, LineKeys keys) {
        return header(caller, "order_id = :order", orderId, "for no key update").map(o -> withLines(o, keys));
    }

    public Optional<PurchaseOrder> lockByNumber(Caller caller, long number, LineKeys keys) {
        return header(caller, "order_number = :order", number, "for no key update")
                .map(o -> withLines(o, keys));
    }

    /**
     * Locks the order if no one else holds it, for background work that must never wait (and so
     * can never deadlock) while it holds other rows; empty when the order is busy or absent.
     */
    public Optional<PurchaseOrder> tryLock(UUID tenantId, UUID orderId) {
        var system = new Caller(tenantId, new UUID(0, 0), io.rescind.parties.PartyRole.OPERATOR);
        return header(system, "order_id = :order", orderId, "for no key update skip locked")
                .map(o -> withLines(o, LineKeys.ALL));
    }

    /** The order holding a line, if the caller may see it. */
    public Optional<PurchaseOrder> findByLine(Caller caller, UUID lineId) {
        return jdbc.sql("select order_id from order_lines where tenant_id = :tenant and line_id = :line")
                .param("tenant", caller.tenantId())
                .param("line", lineId)
                .query(UUID.class)
                .optional()
                .flatMap(orderId -> find(caller, orderId));
    }

    /** The next running number of the tenant; holds the tenant row until commit. */
    long nextNumber(UUID tenantId) {
        return jdbc.sql("""
                        update tenants set last_order_number = last_order_number + 1
                        where tenant_id = :tenant
                        returning last_order_number
                        """).param("tenant", tenantId).query(Long.class).single();
    }

    /** The id and request fingerprint of a buyer's order, by the buyer's own number. */
    Optional<Map.Entry<UUID, String>> findByBuyerOrderNumber(UUID tenantId, UUID buyerId, String buyerOrderNumber) {
        return jdbc.sql("""
                        select order_id, request_hash from purchase_orders
                        where tenant_id = :tenant and buyer_id = :buyer and buyer_order_number = :number
                        """)
                .param("tenant", tenantId)
                .param("buyer", buyerId)
                .param("number", buyerOrderNumber)
                .query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class), rs.getString("request_hash")))
                .optional();
    }

    void insert(PurchaseOrder order, String requestHash) {
        jdbc.sql("""
                        insert into purchase_orders (tenant_id, order_id, order_number, buyer_order_number,
                            buyer_id, seller_id, currency, request_hash, created_at, updated_at)
                        values (:tenant, :id, :number, :buyerNumber, :buyer, :seller, :currency, :hash, now(), now())
                        """)
                .param("tenant", order.tenantId())
                .param("id", order.id())
                .param("number", order.number())
                .param("buyerNumber", order.buyerOrderNumber())
                .param("buyer", order.buyerId())
                .param("seller", order.sellerId())
                .param("currency", order.currency())
                .param("hash", requestHash)
                .update();
        insertLines(order, order.lines());
    }

    private void insertLines(PurchaseOrder order, List<OrderLine> lines) {
        for (var line : lines) {
            jdbc.sql("""
                            insert into order_lines (tenant_id, order_id, line_id, line_number, position, product_id,
                                description, quantity, unit_price, shipping_price, taxes, shipping_taxes, status)
                            values (:tenant, :order, :id, :number, :position, :product, :description, :quantity,
                                :unitPrice, :shippingPrice, cast(:taxes as jsonb), cast(:shippingTaxes as jsonb), :status)
                            """)
                    .param("tenant", order.tenantId())
                    .param("order", order.id())
                    .param("id", line.id())
                    .param("number", line.number())
                    .param("position", line.position())
                    .param("product", line.productId())
                    .param("description", line.description())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice())
                    .param("shippingPrice", line.totals().shippingPrice())
                    .param(
                            "taxes",
                            taxJson(line.totals().taxes(), line.cancelled().taxes()))
                    .param(
                            "shippingTaxes",
                            taxJson(
                                    line.totals().shippingTaxes(),
                                    line.cancelled().shippingTaxes()))
                    .param("status", line.status().name())
                    .update();
        }
    }

    /**
     * Writes an amendment: new lines, the content (and status) of changed ones, and bumps the
     * order's version; the order must be locked.
     */
    void amend(PurchaseOrder order, List<OrderLine> added, List<OrderLine> changed) {
        insertLines(order, added);
        for (var line : changed) {
            jdbc.sql("""
                            update order_lines set
                                product_id = :product, description = :description, quantity = :quantity,
                                unit_price = :unitPrice, status = :status, version = :version
                            where tenant_id = :tenant and order_id = :order and line_id = :id
                            """)
                    .param("product", line.productId())
                    .param("description", line.description())
                    .param("quantity", line.quantity())
                    .param("unitPrice", line.unitPrice())
                    .param("status", line.status().name())
                    .param("version", line.version())
                    .param("tenant", order.tenantId())
                    .param("order", order.id())
                    .param("id", line.id())
                    .update();
        }
        save(order, List.of());
    }

    /** PostgreSQL's lock_not_available (55P03): a lock was not had within the transaction's lock_timeout. */
    public static boolean lockNotAvailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The one write path of a change made through the aggregate: writes the order's changed lines,
     * bumps its version when any changed, and records every change in the history and the outbox,
     * announcing each to listeners ({@link OrderEvent}) after it is recorded. The order must be
     * locked, in the caller's transaction.
     *
     * @param actor who made the change; null for Rescind itself
     * @return the order as saved, with nothing unsaved
     */
    public PurchaseOrder save(PurchaseOrder order, UUID actor) {
        var unsaved = order.unsaved();
        if (!unsaved.lines().isEmpty()) {
            save(order, unsaved.lines());
        }
        for (var change : unsaved.changes()) {
            journal.record(order.tenantId(), order.id(), actor, change);
            events.publishEvent(new OrderEvent(order, actor, change));
        }
        return order.saved();
    }

    /** Writes changed lines and bumps the order's version; the order must be locked. */
    void save(PurchaseOrder order, List<OrderLine> changed) {
        for (var line : changed) {
            jdbc.sql("""
                            update order_lines set
                                shipped_quantity = :shipped, cancelled_quantity = :cancelled,
                                pending_cancel_quantity = :pending, cancelled_price = :cancelledPrice,
                                cancelled_shipping_price = :cancelledShipping,
                                taxes = cast(:taxes as jsonb), shipping_taxes = cast(:shippingTaxes as jsonb),
                                status = :status, status_before_cancel = :statusBeforeCancel, version = :version
                            where tenant_id = :tenant and order_id = :order and line_id = :id
                            """)
                    .param("shipped", line.shippedQuantity())
                    .param("cancelled", line.cancelledQuantity())
                    .param("pending", line.pendingCancelQuantity())
                    .param("cancelledPrice", line.cancelled().price())
                    .param("cancelledShipping", line.cancelled().shippingPrice())
                    .param(
                            "taxes",
                            taxJson(line.totals().taxes(), line.cancelled().taxes()))
                    .param(
                            "shippingTaxes",
                            taxJson(
                                    line.totals().shippingTaxes(),
                                    line.cancelled().shippingTaxes()))
                    .param("status", line.status().name())
                    .param(
                            "statusBeforeCancel",
                            line.statusBeforeCancel() == null
                                    ? null
                                    : line.statusBeforeCancel().name())
                    .param("version", line.version())
                    .param("tenant", order.tenantId())
                    .param("order", order.id())
                    .param("id", line.id())
                    .update();
        }
        jdbc.sql("""
                        update purchase_orders set version = version + 1, updated_at = now()
                        where tenant_id = :tenant and order_id = :order
                        """)
                .param("tenant", order.tenantId())
                .param("order", order.id())
                .update();
    }

    public List<PurchaseOrder> page(Caller caller, OrderQuery query) {
        var sql = new StringBuilder("select * from purchase_orders o where " + VISIBLE + " and order_number > :after");
        var params = new LinkedHashMap<String, Object>();
        visibility(caller, params);
        params.put("after", query.afterNumber());
        if (query.buyerId() != null) {
            sql.append(" and buyer_id = :buyer");
            params.put("buyer", query.buyerId());
        }
        if (query.sellerId() != null) {
            sql.append(" and seller_id = :seller");
            params.put("seller", query.sellerId());
        }
        if (query.updatedSince() != null) {
            sql.append(" and updated_at >= :since");
            params.put("since", OffsetDateTime.ofInstant(query.updatedSince(), java.time.ZoneOffset.UTC));
        }
        if (query.createdSince() != null) {
            sql.append(" and created_at >= :createdSince");
            params.put("createdSince", OffsetDateTime.ofInstant(query.createdSince(), java.time.ZoneOffset.UTC));
        }
        if (query.createdBefore() != null) {
            sql.append(" and created_at < :createdBefore");
            params.put("createdBefore", OffsetDateTime.ofInstant(query.createdBefore(), java.time.ZoneOffset.UTC));
        }
        if (query.orderNumber() != null) {
            sql.append(" and buyer_order_number = :orderNumber");
            params.put("orderNumber", query.orderNumber());
        }
        if (query.productId() != null) {
            sql.append("""
                     and exists (select 1 from order_lines p
                        where p.tenant_id = o.tenant_id and p.order_id = o.order_id and p.product_id = :product)""".indent(1));
            params.put("product", query.productId());
        }
        if (query.status() != null) {
            sql.append("""
                     and exists (select 1 from order_lines l
                        where l.tenant_id = o.tenant_id and l.order_id = o.order_id and l.status = :status)""".indent(1));
            params.put("status", query.status().name());
        }
        sql.append(" order by order_number limit :limit");
        params.put("limit", query.limit());
        var headers =
                jdbc.sql(sql.toString()).params(params).query(this::header).list();
        if (headers.isEmpty()) {
            return headers;
        }
        var lines = jdbc
                .sql("""
                        select * from order_lines
                        where tenant_id = :tenant and order_id = any(cast(:orders as uuid[]))
                        order by order_id, line_number
                        """)
                .param("tenant", caller.tenantId())
                .param("orders", headers.stream().map(o -> o.id().toString()).toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class), line(rs, scaleOf(headers, rs))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return headers.stream()
                .map(o -> o.withLines(lines.getOrDefault(o.id(), List.of())))
                .toList();
    }

    private static int scaleOf(List<PurchaseOrder> headers, ResultSet rs) throws SQLException {
        var orderId = rs.getObject("order_id", UUID.class);
        return headers.stream()
                .filter(o -> o.id().equals(orderId))
                .findFirst()
                .orElseThrow()
                .scale();
    }

    private Optional<PurchaseOrder> header(Caller caller, String condition, Object key, String lock) {
        var params = new LinkedHashMap<String, Object>();
        visibility(caller, params);
        params.put("order", key);
        return jdbc.sql("select * from purchase_orders where " + VISIBLE + " and " + condition + " " + lock)
                .params(params)
                .query(this::header)
                .optional();
    }

    private static void visibility(Caller caller, Map<String, Object> params) {
        params.put("tenant", caller.tenantId());
        params.put("party", caller.partyId());
        params.put("operator", caller.isOperator());
    }

    private PurchaseOrder withLines(PurchaseOrder order, LineKeys keys) {
        var sql = new StringBuilder("select * from order_lines where tenant_id = :tenant and order_id = :order");
        var params = new LinkedHashMap<String, Object>();
        params.put("tenant", order.tenantId());
        params.put("order", order.id());
        if (!keys.all()) {
            // Only the ways of naming a line that the command uses, so that the usual single way
            // is one index scan rather than an OR of three.
            var conditions = new ArrayList<String>();
            if (!keys.ids().isEmpty()) {
                conditions.add("line_id = any(cast(:ids as uuid[]))");
                params.put("ids", keys.ids().stream().map(UUID::toString).toArray(String[]::new));
            }
            if (!keys.numbers().isEmpty()) {
                conditions.add("line_number = any(cast(:numbers as int[]))");
                params.put("numbers", keys.numbers().toArray(Integer[]::new));
            }
            if (!keys.positions().isEmpty()) {
                conditions.add("position = any(cast(:positions as text[]))");
                params.put("positions", keys.positions().toArray(String[]::new));
            }
            sql.append(conditions.isEmpty() ? " and false" : " and (" + String.join(" or ", conditions) + ")");
        }
        sql.append(" order by line_number");
        var scale = order.scale();
        return order.withLines(jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> line(rs, scale))
                .list());
    }

    private PurchaseOrder header(ResultSet rs, int rowNum) throws SQLException {
        return new PurchaseOrder(
                rs.getObject("tenant_id", UUID.class),
                rs.getObject("order_id", UUID.class),
                rs.getLong("order_number"),
                rs.getString("buyer_order_number"),
                rs.getObject("buyer_id", UUID.class),
                rs.getObject("seller_id", UUID.class),
                rs.getString("currency"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                List.of(),
                PurchaseOrder.Unsaved.NONE);
    }

    private OrderLine line(ResultSet rs, int scale) throws SQLException {
        Function<String, BigDecimal> money = column -> {
            try {
                return rs.getBigDecimal(column).setScale(scale);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        var quantity = rs.getLong("quantity");
        var unitPrice = money.apply("unit_price");
        var taxes = json.readValue(rs.getString("taxes"), TAX_ROWS);
        var shippingTaxes = json.readValue(rs.getString("shipping_taxes"), TAX_ROWS);
        var totals = new Amounts(
                unitPrice.multiply(BigDecimal.valueOf(quantity)),
                money.apply("shipping_price"),
                taxes.stream()
                        .map(t -> new Amounts.Tax(t.code(), t.amount().setScale(scale)))
                        .toList(),
                shippingTaxes.stream()
                        .map(t -> new Amounts.Tax(t.code(), t.amount().setScale(scale)))
                        .toList());
        var cancelled = new Amounts(
                money.apply("cancelled_price"),
                money.apply("cancelled_shipping_price"),
                taxes.stream()
                        .map(t -> new Amounts.Tax(t.code(), t.cancelled().setScale(scale)))
                        .toList(),
                shippingTaxes.stream()
                        .map(t -> new Amounts.Tax(t.code(), t.cancelled().setScale(scale)))
                        .toList());
        return new OrderLine(
                rs.getObject("line_id", UUID.class),
                rs.getInt("line_number"),
                rs.getString("position"),
                rs.getString("product_id"),
                rs.getString("description"),
                quantity,
                rs.getLong("shipped_quantity"),
                rs.getLong("cancelled_quantity"),
                rs.getLong("pending_cancel_quantity"),
                unitPrice,
                totals,
                cancelled,
                LineStatus.valueOf(rs.getString("status")),
                rs.getString("status_before_cancel") == null
                        ? null
                        : LineStatus.valueOf(rs.getString("status_before_cancel")),
                rs.getLong("version"));
    }

    private String taxJson(List<Amounts.Tax> totals, List<Amounts.Tax> cancelled) {
        var rows = new ArrayList<TaxRow>(totals.size());
        for (int i = 0; i < totals.size(); i++) {
            rows.add(new TaxRow(
                    totals.get(i).code(),
                    totals.get(i).amount(),
                    cancelled.get(i).amount()));
        }
        return json.writeValueAsString(rows);
    }
}
