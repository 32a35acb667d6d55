package io.rescind.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The data the benchmark cancels: a buyer and a seller made through the API, one template order
 * placed and cancelled through the API (so the seeded rows and pgbench's payloads have exactly the
 * service's shapes), then {@code orders × linesPerOrder} lines written straight into the tables.
 *
 * <p>Seeded ids are derived from numbers so that the load generator and pgbench address the same
 * rows without a lookup: order {@code o} is {@code 00000000-0000-4000-8000-<o in 12 hex digits>},
 * its line {@code l} is {@code 00000000-0000-4000-9000-<o in 8 hex><l in 4 hex>}. Every line holds
 * {@value #UNITS} units at 10.00 with 21% VAT, so one unit always prorates to exactly 10.00 + 2.10
 * and no line runs out during a run: the only refusals are the ones contention cannot cause.
 */
final class Fixture {

    static final long UNITS = 1_000_000;
    static final BigDecimal UNIT_PRICE = new BigDecimal("10.00");
    static final BigDecimal UNIT_VAT = new BigDecimal("2.10");

    /**
     * A range of seeded orders of one seller. Slice 0 holds the lines that pgbench and every target
     * cancelling one unit at a time share (a line holds a million units, so they never run out);
     * each target that cancels whole lines gets a slice of its own, the same size, so that it
     * finds its lines untouched by the others and every cancel it makes moves exactly {@link
     * #UNITS} units.
     */
    record Slice(String name, int firstOrder, UUID sellerId) {}

    /** JSON the service wrote for one real cancel: pgbench inserts the same documents. */
    record Payloads(String historyDetail, String outboxPayload, String cancelledLines, String requestHash) {}

    final UUID tenant;
    final UUID buyerId;
    final String buyerKey;
    final UUID sellerId;
    final String sellerKey;
    final int orders;
    final int linesPerOrder;
    final int hotOrders;
    final int hotPercent;
    final long firstOrderNumber;
    final String shippingTaxesJson;
    final Payloads payloads;
    final List<Slice> slices;
    /** A seller whose policy makes every buyer's cancel a request it decides (Crux's pending cancels). */
    final UUID approvingSellerId;

    private Fixture(
            UUID tenant,
            UUID buyerId,
            String buyerKey,
            UUID sellerId,
            String sellerKey,
            int orders,
            int linesPerOrder,
            int hotOrders,
            int hotPercent,
            long firstOrderNumber,
            String shippingTaxesJson,
            Payloads payloads,
            List<Slice> slices,
            UUID approvingSellerId) {
        this.tenant = tenant;
        this.buyerId = buyerId;
        this.buyerKey = buyerKey;
        this.sellerId = sellerId;
        this.sellerKey = sellerKey;
        this.orders = orders;
        this.linesPerOrder = linesPerOrder;
        this.hotOrders = hotOrders;
        this.hotPercent = hotPercent;
        this.firstOrderNumber = firstOrderNumber;
        this.shippingTaxesJson = shippingTaxesJson;
        this.payloads = payloads;
        this.slices = List.copyOf(slices);
        this.approvingSellerId = approvingSellerId;
    }

    long lines() {
        return (long) orders * linesPerOrder;
    }

    static UUID orderId(int order) {
        return UUID.fromString("00000000-0000-4000-8000-%012x".formatted(order));
    }

    static UUID lineId(int order, int line) {
        return UUID.fromString("00000000-0000-4000-9000-%08x%04x".formatted(order, line));
    }

    /** The running number the service gave seeded order {@code order}. */
    long orderNumber(int order) {
        return firstOrderNumber + order - 1;
    }

    /** The buyer's own number of seeded order {@code order}, as Tradecloud names orders. */
    static String buyerOrderNumber(int order) {
        return "BENCH-" + order;
    }

    /** The position of seeded line {@code line}, as Tradecloud names lines. */
    static String position(int line) {
        return "%04d".formatted(line);
    }

    /** The slice a target cancels in: its own when it cancels whole lines, else the shared one. */
    Slice sliceOf(String target) {
        return slices.stream().filter(s -> s.name().equals(target)).findFirst().orElse(slices.getFirst());
    }

    /**
     * A seeded line of the slice chosen at random: {@code hotPercent}% of picks fall on the
     * slice's first {@code hotOrders} orders.
     */
    record Pick(int order, int line) {}

    Pick pick(Slice slice) {
        var random = ThreadLocalRandom.current();
        int offset = random.nextInt(100) < hotPercent ? random.nextInt(hotOrders) : random.nextInt(orders);
        return new Pick(slice.firstOrder() + offset, 1 + random.nextInt(linesPerOrder));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }

    static Fixture prepare(Service service, String jdbcUrl, String operatorKey, Options options, List<String> targets)
            throws SQLException {
        long wantedLines = options.bigNumber("lines", 1_000_000);
        int linesPerOrder = options.number("lines-per-order", 10);
        int orders = (int) Math.max(1, wantedLines / linesPerOrder);
        int hotLines = options.number("hot-lines", 100);
        int hotOrders = Math.max(1, Math.min(orders, hotLines / linesPerOrder));
        int hotPercent = options.number("hot-percent", 10);

        var buyer = service.post("/api/v1/parties", operatorKey, Map.of("name", "Bench buyer", "role", "BUYER"));
        var seller = service.post("/api/v1/parties", operatorKey, Map.of("name", "Bench seller", "role", "SELLER"));
        var tenant = UUID.fromString(buyer.get("party").get("tenantId").asString());
        var buyerId = UUID.fromString(buyer.get("party").get("id").asString());
        var buyerKey = buyer.get("apiKey").asString();
        var sellerId = UUID.fromString(seller.get("party").get("id").asString());
        var sellerKey = seller.get("apiKey").asString();
        var approving = service.post(
                "/api/v1/parties", operatorKey, Map.of("name", "Bench seller approving cancels", "role", "SELLER"));
        var approvingSellerId = UUID.fromString(approving.get("party").get("id").asString());
        var cancellable = List.of("ISSUED", "IN_PROGRESS", "REJECTED", "CONFIRMED", "SHIPPED");
        service.put(
                "/api/v1/sellers/" + approvingSellerId + "/cancellation-policy",
                operatorKey,
                Map.of(
                        "buyerMayCancel", cancellable,
                        "sellerMayCancel", cancellable,
                        "buyerNeedsApproval", cancellable));
        var slices = new java.util.ArrayList<Slice>();
        slices.add(new Slice("shared", 1, sellerId));
        for (var target : targets) {
            if (Target.cancelsWholeLines(target)) {
                slices.add(new Slice(
                        target, 1 + slices.size() * orders, target.equals("crux") ? approvingSellerId : sellerId));
            }
        }

        var template = service.post(
                "/api/v1/orders",
                buyerKey,
                Map.of(
                        "orderNumber",
                        "BENCH-TEMPLATE-" + UUID.randomUUID(),
                        "sellerId",
                        sellerId.toString(),
                        "currency",
                        "EUR",
                        "lines",
                        List.of(Map.of(
                                "productId",
                                "SKU-TEMPLATE",
                                "quantity",
                                UNITS,
                                "unitPrice",
                                UNIT_PRICE,
                                "taxes",
                                List.of(Map.of(
                                        "code", "VAT", "amount", UNIT_VAT.multiply(BigDecimal.valueOf(UNITS))))))));
        var templateOrder = UUID.fromString(template.get("id").asString());

        try (var db = connect(jdbcUrl)) {
            String taxes;
            String shippingTaxes;
            String status;
            try (var query = db.prepareStatement(
                    "select taxes::text, shipping_taxes::text, status from order_lines where order_id = ?")) {
                query.setObject(1, templateOrder);
                try (var rs = query.executeQuery()) {
                    rs.next();
                    taxes = rs.getString(1);
                    shippingTaxes = rs.getString(2);
                    status = rs.getString(3);
                }
            }
            // One real cancel of the template, as the load generator sends it, for pgbench's documents.
            service.post(
                    "/api/v1/orders/" + templateOrder + "/cancellations",
                    buyerKey,
                    Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1))));
            var payloads = payloads(db, templateOrder);

            long first = seed(db, tenant, buyerId, slices, orders, linesPerOrder, taxes, shippingTaxes, status);
            return new Fixture(
                    tenant,
                    buyerId,
                    buyerKey,
                    sellerId,
                    sellerKey,
                    orders,
                    linesPerOrder,
                    hotOrders,
                    hotPercent,
                    first,
                    shippingTaxes,
                    payloads,
                    slices,
                    approvingSellerId);
        }
    }

    private static Payloads payloads(Connection db, UUID order) throws SQLException {
        try (var query = db.prepareStatement("""
                select h.detail::text, o.payload::text, c.lines::text
                from order_history h
                join outbox o on o.order_id = h.order_id and o.type = h.type
                join cancellations c on c.order_id = h.order_id
                where h.order_id = ? and h.type = 'order.lines_cancelled'
                """)) {
            query.setObject(1, order);
            try (var rs = query.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The template cancel left no history, outbox or cancellation row");
                }
                return new Payloads(rs.getString(1), rs.getString(2), rs.getString(3), sha256("bench-request"));
            }
        }
    }

    /** Writes every slice's orders and lines in batches; returns the order number of seeded order 1. */
    private static long seed(
            Connection db,
            UUID tenant,
            UUID buyer,
            List<Slice> slices,
            int ordersPerSlice,
            int linesPerOrder,
            String taxes,
            String shippingTaxes,
            String status)
            throws SQLException {
        long started = System.nanoTime();
        int orders = ordersPerSlice * slices.size();
        db.setAutoCommit(false);
        long first;
        try (var numbers =
                db.prepareStatement("update tenants set last_order_number = last_order_number + ? where tenant_id = ?"
                        + " returning last_order_number - ? + 1")) {
            numbers.setLong(1, orders);
            numbers.setObject(2, tenant);
            numbers.setLong(3, orders);
            try (var rs = numbers.executeQuery()) {
                rs.next();
                first = rs.getLong(1);
            }
        }
        db.commit();
        int batch = 20_000;
        for (int from = 1; from <= orders; ) {
            // A batch never spans two slices, so it has one seller.
            var slice = slices.get((from - 1) / ordersPerSlice);
            int to = Math.min(Math.min(orders, from + batch - 1), slice.firstOrder() + ordersPerSlice - 1);
            var seller = slice.sellerId();
            try (var insert = db.prepareStatement("""
                    insert into purchase_orders (tenant_id, order_id, order_number, buyer_order_number, buyer_id,
                        seller_id, currency, request_hash, created_at, updated_at)
                    select ?, cast('00000000-0000-4000-8000-' || lpad(to_hex(o), 12, '0') as uuid), ? + o - 1,
                        'BENCH-' || o, ?, ?, 'EUR', 'seeded', now(), now()
                    from generate_series(?, ?) o
                    """)) {
                insert.setObject(1, tenant);
                insert.setLong(2, first);
                insert.setObject(3, buyer);
                insert.setObject(4, seller);
                insert.setInt(5, from);
                insert.setInt(6, to);
                insert.executeUpdate();
            }
            try (var insert = db.prepareStatement("""
                    insert into order_lines (tenant_id, order_id, line_id, line_number, position, product_id,
                        quantity, unit_price, shipping_price, taxes, shipping_taxes, status)
                    select ?, cast('00000000-0000-4000-8000-' || lpad(to_hex(o), 12, '0') as uuid),
                        cast('00000000-0000-4000-9000-' || lpad(to_hex(o), 8, '0') || lpad(to_hex(l), 4, '0') as uuid),
                        l, lpad(l::text, 4, '0'), 'SKU-' || ((o * 7 + l) % 5000), ?, ?, 0,
                        cast(? as jsonb), cast(? as jsonb), ?
                    from generate_series(?, ?) o cross join generate_series(1, ?) l
                    """)) {
                insert.setObject(1, tenant);
                insert.setLong(2, UNITS);
                insert.setBigDecimal(3, UNIT_PRICE);
                insert.setString(4, taxes);
                insert.setString(5, shippingTaxes);
                insert.setString(6, status);
                insert.setInt(7, from);
                insert.setInt(8, to);
                insert.setInt(9, linesPerOrder);
                insert.executeUpdate();
            }
            db.commit();
            from = to + 1;
            if (to % 200_000 == 0 || to == orders) {
                System.out.printf(
                        "  seeded %,d of %,d orders (%,d lines) in %d s%n",
                        to, orders, (long) to * linesPerOrder, (System.nanoTime() - started) / 1_000_000_000);
            }
        }
        db.setAutoCommit(true);
        try (var statement = db.createStatement()) {
            statement.execute("vacuum analyze");
            statement.execute("checkpoint");
        }
        System.out.printf("  seed done in %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        return first;
    }

    /**
     * What the database holds of cancels; a run's deltas must equal what its responses said. Every
     * decided cancel is one cancellation row (applied, pending or refused) with one history entry
     * and one outbox event, also when it ran as an asynchronous action: an action of one command
     * that the engine refused keeps its refused cancellation and is marked failed.
     */
    record Totals(
            long cancelledUnits,
            long applied,
            long refused,
            long history,
            long outbox,
            long pendingUnits,
            long pending,
            long actions,
            long actionsOpen,
            long actionsFailed) {

        static Totals read(Connection db) throws SQLException {
            try (var statement = db.createStatement();
                    var rs = statement.executeQuery("""
                            select (select coalesce(sum(cancelled_quantity), 0) from order_lines),
                                   (select count(*) from cancellations where status = 'APPLIED'),
                                   (select count(*) from cancellations where status = 'REFUSED'),
                                   (select count(*) from order_history where type in (%1$s)),
                                   (select count(*) from outbox where type in (%1$s)),
                                   (select coalesce(sum(pending_cancel_quantity), 0) from order_lines),
                                   (select count(*) from cancellations where status = 'PENDING'),
                                   (select count(*) from actions),
                                   (select count(*) from actions where status = 'PENDING'),
                                   (select count(*) from actions where status = 'FAILED')
                            """.formatted(EVENT_TYPES))) {
                rs.next();
                return new Totals(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10));
            }
        }

        private static final String EVENT_TYPES =
                "'order.lines_cancelled', 'order.cancellation_refused', 'order.cancellation_requested'";

        /** How many actions are still waiting for the worker. */
        static long openActions(Connection db) throws SQLException {
            try (var statement = db.createStatement();
                    var rs = statement.executeQuery("select count(*) from actions where status = 'PENDING'")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        Totals minus(Totals before) {
            return new Totals(
                    cancelledUnits - before.cancelledUnits,
                    applied - before.applied,
                    refused - before.refused,
                    history - before.history,
                    outbox - before.outbox,
                    pendingUnits - before.pendingUnits,
                    pending - before.pending,
                    actions - before.actions,
                    actionsOpen,
                    actionsFailed - before.actionsFailed);
        }

        /**
         * Null when the deltas match the answers of a run: {@code told.cancelled()} cancels that
         * moved {@code unitsPerCancel} units each (into pending when {@code pending}), {@code
         * told.nothingLeft()} refusals, and {@code told.decided()} plus {@code told.queued()}
         * answers that do not say which of the two they were (Tradecloud's {@code ok}, Mirakl's
         * action), which must then add up with them.
         */
        String disagreement(LoadGenerator.Counts told, long unitsPerCancel, boolean pending) {
            long answered = told.cancelled() + told.nothingLeft() + told.decided() + told.queued();
            long took = applied + this.pending;
            var problems = new java.util.ArrayList<String>();
            if (took + refused != answered) {
                problems.add("%d answers, but %d applied + %d pending + %d refused (%d failed actions)"
                        .formatted(answered, applied, this.pending, refused, actionsFailed));
            }
            if (told.decided() + told.queued() == 0) {
                if ((pending ? this.pending : applied) != told.cancelled() || refused != told.nothingLeft()) {
                    problems.add("%d cancels and %d refusals answered, but %d %s and %d refused"
                            .formatted(
                                    told.cancelled(),
                                    told.nothingLeft(),
                                    pending ? this.pending : applied,
                                    pending ? "pending" : "applied",
                                    refused));
                }
                if ((pending ? applied : this.pending) != 0) {
                    problems.add("%d cancellations %s"
                            .formatted(pending ? applied : this.pending, pending ? "applied" : "pending"));
                }
            }
            if (cancelledUnits != applied * unitsPerCancel || pendingUnits != this.pending * unitsPerCancel) {
                problems.add("%d units cancelled and %d pending for %d applied and %d pending of %d units each"
                        .formatted(cancelledUnits, pendingUnits, applied, this.pending, unitsPerCancel));
            }
            if (history != took + refused || outbox != took + refused) {
                problems.add("%d history entries and %d outbox events for %d decided cancellations"
                        .formatted(history, outbox, took + refused));
            }
            if (actions != told.queued() || actionsOpen != 0) {
                problems.add("%d actions queued by the answers, %d written, %d still open"
                        .formatted(told.queued(), actions, actionsOpen));
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        }
    }
}
