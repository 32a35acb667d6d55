package io.rescind.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;

/**
 * The plans of the hot path's reads and writes on the seeded data, so a report shows whether a
 * cancel touches rows by index only (the scale target: no scan grows with the data).
 */
final class Explain {

    private Explain() {}

    static void write(Connection db, Fixture fixture, Path file) throws SQLException, IOException {
        var order = "'" + Fixture.orderId(Math.max(1, fixture.orders / 2)) + "'";
        var line = "'" + Fixture.lineId(Math.max(1, fixture.orders / 2), 1) + "'";
        var tenant = "'" + fixture.tenant + "'";
        var party = "'" + fixture.buyerId + "'";
        var statements = new LinkedHashMap<String, String>();
        statements.put(
                "ApiKeys.authenticate",
                "select k.tenant_id, k.party_id, p.role from api_keys k join parties p on p.tenant_id = k.tenant_id"
                        + " and p.party_id = k.party_id where k.key_hash = '%s' and k.revoked_at is null"
                                .formatted(Fixture.sha256(fixture.buyerKey)));
        statements.put(
                "PurchaseOrders.lock (order)",
                "select * from purchase_orders where tenant_id = %s and (false or buyer_id = %s or seller_id = %s)"
                                .formatted(tenant, party, party)
                        + " and order_id = %s for no key update".formatted(order));
        statements.put(
                "PurchaseOrders.lock (lines)",
                ("select * from order_lines where tenant_id = %s and order_id = %s"
                                + " and (line_number = any('{1}'::int[])) order by line_number")
                        .formatted(tenant, order));
        statements.put(
                "Cancellations.findByKey",
                "select * from cancellations where tenant_id = %s and requested_by = %s and idempotency_key = 'x'"
                        .formatted(tenant, party));
        statements.put(
                "CancellationPolicies.forSeller",
                "select buyer_may_cancel, seller_may_cancel from cancellation_policies where tenant_id = %s"
                                .formatted(tenant)
                        + " and seller_id = '%s'".formatted(fixture.sellerId));
        statements.put(
                "PurchaseOrders.save (line)",
                "update order_lines set version = version + 1 where tenant_id = %s and order_id = %s and line_id = %s"
                        .formatted(tenant, order, line));
        statements.put(
                "PurchaseOrders.save (order)",
                "update purchase_orders set version = version + 1, updated_at = now() where tenant_id = %s"
                                .formatted(tenant)
                        + " and order_id = %s".formatted(order));
        var text = new StringBuilder(
                "Plans on %,d seeded lines, after the runs (EXPLAIN, not executed)%n%n".formatted(fixture.lines()));
        try (var statement = db.createStatement()) {
            for (var entry : statements.entrySet()) {
                text.append("== ").append(entry.getKey()).append('\n');
                try (var rs = statement.executeQuery("explain " + entry.getValue())) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
                text.append('\n');
            }
        }
        Files.writeString(file, text.toString());
        if (text.indexOf("Seq Scan on order_lines") >= 0 || text.indexOf("Seq Scan on purchase_orders") >= 0) {
            System.out.println("  WARNING: a hot-path statement scans a large table; see " + file);
        }
    }
}
