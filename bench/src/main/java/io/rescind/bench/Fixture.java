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
            Payloads payloads) {
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

    /** A seeded line chosen at random: {@code hotPercent}% of picks fall on the first {@code hotOrders} orders. */
    record Pick(int order, int line) {}

    Pick pick() {
        var random = ThreadLocalRandom.current();
        int order = random.nextInt(100) < hotPercent ? 1 + random.nextInt(hotOrders) : 1 + random.nextInt(orders);
        return new Pick(order, 1 + random.nextInt(linesPerOrder));
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

    static Fixture prepare(Service service, String jdbcUrl, String operatorKey, Options options) throws SQLException {
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

            long first = seed(db, tenant, buyerId, sellerId, orders, linesPerOrder, taxes, shippingTaxes, status);
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
                    payloads);
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

    /** Writes the orders and lines in batches; returns the order number of seeded order 1. */
    private static long seed(
            Connection db,
            UUID tenant,
            UUID buyer,
            UUID seller,
            int orders,
            int linesPerOrder,
            String taxes,
            String shippingTaxes,
            String status)
            throws SQLException {
        long started = System.nanoTime();
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
        for (int from = 1; from <= orders; from += batch) {
            int to = Math.min(orders, from + batch - 1);
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

    /** What the database holds of cancels; a run's deltas must equal its successful responses. */
    record Totals(long cancelledUnits, long applied, long refused, long history, long outbox) {

        static Totals read(Connection db) throws SQLException {
            try (var statement = db.createStatement();
                    var rs = statement.executeQuery("""
                            select (select coalesce(sum(cancelled_quantity), 0) from order_lines),
                                   (select count(*) from cancellations where status = 'APPLIED'),
                                   (select count(*) from cancellations where status = 'REFUSED'),
                                   (select count(*) from order_history
                                     where type in ('order.lines_cancelled', 'order.cancellation_refused')),
                                   (select count(*) from outbox
                                     where type in ('order.lines_cancelled', 'order.cancellation_refused'))
                            """)) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }

        Totals minus(Totals before) {
            return new Totals(
                    cancelledUnits - before.cancelledUnits,
                    applied - before.applied,
                    refused - before.refused,
                    history - before.history,
                    outbox - before.outbox);
        }

        /** Null when the deltas match {@code succeeded} one-unit cancels and {@code refused} refusals. */
        String disagreement(long succeeded, long refusedCount) {
            if (cancelledUnits == succeeded
                    && applied == succeeded
                    && refused == refusedCount
                    && history == succeeded + refusedCount
                    && outbox == succeeded + refusedCount) {
                return null;
            }
            return "expected %d units/applied, %d refused; database moved %d units, %d applied, %d refused, %d history, %d outbox"
                    .formatted(succeeded, refusedCount, cancelledUnits, applied, refused, history, outbox);
        }
    }
}
