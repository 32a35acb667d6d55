package io.rescind.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The database's own ceiling: pgbench running, against the same server and the same rows, the SQL
 * one canonical cancel runs (see {@link #SCRIPT} and docs/benchmarks/README.md for the
 * statement-by-statement mapping). Latencies come from pgbench's per-transaction log.
 */
final class Pgbench {

    /**
     * One canonical cancel of one unit, statement for statement:
     *
     * <ol>
     *   <li>(no statement for ApiKeys.authenticate: the service remembers a key for 10 s, so a
     *       steady stream of one client's requests sends its query once per period);
     *   <li>PurchaseOrders.lock: the order row {@code for no key update}, then its named lines;
     *   <li>Cancellations.findByKey (the request carries an Idempotency-Key);
     *   <li>CancellationPolicies.forSeller (no override: no row);
     *   <li>PurchaseOrders.save: the line row, then the order's version;
     *   <li>OrderJournal.record: the history row, then Outbox.append;
     *   <li>Inventory (listening in the same transaction): the restock of the line's SKU, a no-op
     *       update when the seller keeps no stock of it, as with the seeded data;
     *   <li>Cancellations.insert (the approval columns null, as the service sends them); commit.
     * </ol>
     *
     * The service computes the line's new amounts in Java and sends them; here the same columns are
     * computed in SQL from the row (one unit is always exactly 10.00 + 2.10 VAT on seeded lines),
     * so the rows stay consistent for the service's runs that follow. Documents (history detail,
     * outbox payload, cancellation lines) are the ones the service wrote for a real cancel, sent as
     * parameters and cast to jsonb as the service does.
     */
    /**
     * ApiKeys.authenticate's query, outside the transaction: what the service sends per request
     * when its key cache is off ({@code rescind.parties.api-key-cache=0}); the run adds it in
     * front of the script then ({@code PGBENCH_AUTH=1}), so the two still mirror each other.
     */
    static final String AUTHENTICATE = """
            select k.tenant_id, k.party_id, p.role
              from api_keys k
              join parties p on p.tenant_id = k.tenant_id and p.party_id = k.party_id
             where k.key_hash = :keyhash and k.revoked_at is null;
            """;

    static final String SCRIPT = """
            \\set r random(1, 100)
            \\set o CASE WHEN :r <= :hotpct THEN random(1, :hotorders) ELSE random(1, :orders) END
            \\set l random(1, :lpo)
            \\set k random(1, 9223372036854775806)
            begin;
            select * from purchase_orders
             where tenant_id = :tenant and (cast(:operator as boolean) or buyer_id = :party or seller_id = :party)
               and order_id = cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid)
             for no key update;
            select * from order_lines
             where tenant_id = :tenant
               and order_id = cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid)
               and (line_number = any(array[cast(:l as int)]))
             order by line_number;
            select * from cancellations
             where tenant_id = :tenant and requested_by = :party
               and idempotency_key = concat('pgbench-', cast(:client_id as text), '-', cast(:k as text));
            select buyer_may_cancel, seller_may_cancel from cancellation_policies
             where tenant_id = :tenant and seller_id = :seller;
            update order_lines set
                   shipped_quantity = shipped_quantity, cancelled_quantity = cancelled_quantity + 1,
                   pending_cancel_quantity = pending_cancel_quantity,
                   cancelled_price = cancelled_price + unit_price,
                   cancelled_shipping_price = cancelled_shipping_price,
                   taxes = jsonb_set(taxes, '{0,cancelled}',
                                     to_jsonb(cast(taxes->0->>'cancelled' as numeric) + cast(:vat as numeric))),
                   shipping_taxes = cast(:shiptaxes as jsonb),
                   status = status, version = version + 1
             where tenant_id = :tenant
               and order_id = cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid)
               and line_id = cast('00000000-0000-4000-9000-' || lpad(to_hex(cast(:o as bigint)), 8, '0')
                                  || lpad(to_hex(cast(:l as int)), 4, '0') as uuid);
            update purchase_orders set version = version + 1, updated_at = now()
             where tenant_id = :tenant
               and order_id = cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid);
            insert into order_history (tenant_id, order_id, at, actor, type, detail)
            values (:tenant, cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid),
                    now(), :party, 'order.lines_cancelled', cast(:detail as jsonb));
            insert into outbox (tenant_id, event_id, type, order_id, payload, occurred_at)
            values (:tenant, gen_random_uuid(), 'order.lines_cancelled',
                    cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid),
                    cast(:payload as jsonb), now());
            update inventory set available = available + 1, updated_at = now(), version = version + 1
             where tenant_id = :tenant and seller_id = :seller
               and sku = concat('SKU-', cast((cast(:o as bigint) * 7 + cast(:l as int)) % 5000 as text))
             returning *;
            insert into cancellations (tenant_id, cancellation_id, order_id, requested_by, status, reason,
                    note, idempotency_key, request_hash, lines, refusals, created_at,
                    decider_id, expires_at, on_expiry)
            values (:tenant, gen_random_uuid(),
                    cast('00000000-0000-4000-8000-' || lpad(to_hex(cast(:o as bigint)), 12, '0') as uuid),
                    :party, 'APPLIED', 'CUSTOMER_REQUEST', null,
                    concat('pgbench-', cast(:client_id as text), '-', cast(:k as text)), :hash,
                    cast(:lines as jsonb), cast('[]' as jsonb), now(), null, null, null);
            commit;
            """;

    record Run(Histogram latencyMicros, double tps, long processed, long failed, String output) {}

    private final String executable;
    private final String host;
    private final int port;
    private final Path workDir;
    private final boolean authenticateEachRequest;

    Pgbench(String executable, String host, int port, Path workDir, boolean authenticateEachRequest) {
        this.authenticateEachRequest = authenticateEachRequest;
        this.executable = executable;
        this.host = host;
        this.port = port;
        this.workDir = workDir;
    }

    static String version(String executable) {
        try {
            var process = new ProcessBuilder(executable, "--version")
                    .redirectErrorStream(true)
                    .start();
            var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            process.waitFor();
            return text;
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    Run run(Fixture fixture, int clients, Duration duration, boolean log) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        var script = workDir.resolve("cancel.sql");
        Files.writeString(script, script());
        var prefix = "pgbench-c" + clients;
        try (var old = Files.list(workDir)) {
            for (var file : old.filter(f -> f.getFileName().toString().startsWith(prefix + "."))
                    .toList()) {
                Files.delete(file);
            }
        }
        var command = new ArrayList<>(List.of(
                executable,
                "-n",
                "-M",
                "prepared",
                "-h",
                host,
                "-p",
                String.valueOf(port),
                "-U",
                "postgres",
                "-c",
                String.valueOf(clients),
                "-j",
                String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T",
                String.valueOf(duration.toSeconds()),
                "-f",
                script.toString()));
        if (log) {
            command.addAll(List.of("-l", "--log-prefix=" + workDir.resolve(prefix)));
        }
        define(command, "tenant", fixture.tenant.toString());
        define(command, "party", fixture.buyerId.toString());
        define(command, "seller", fixture.sellerId.toString());
        define(command, "operator", "false");
        define(command, "keyhash", Fixture.sha256(fixture.buyerKey));
        define(command, "orders", String.valueOf(fixture.orders));
        define(command, "hotorders", String.valueOf(fixture.hotOrders));
        define(command, "hotpct", String.valueOf(fixture.hotPercent));
        define(command, "lpo", String.valueOf(fixture.linesPerOrder));
        define(command, "vat", Fixture.UNIT_VAT.toPlainString());
        define(command, "shiptaxes", fixture.shippingTaxesJson);
        define(command, "detail", fixture.payloads.historyDetail());
        define(command, "payload", fixture.payloads.outboxPayload());
        define(command, "lines", fixture.payloads.cancelledLines());
        define(command, "hash", fixture.payloads.requestHash());
        command.add("postgres");

        var process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("pgbench exited with " + exit + ":\n" + output);
        }
        var histogram = new Histogram(60_000_000L, 3);
        if (log) {
            try (var logs = Files.list(workDir)) {
                for (var file : logs.filter(f -> f.getFileName().toString().startsWith(prefix + "."))
                        .toList()) {
                    try (var lines = Files.lines(file)) {
                        lines.forEach(line -> {
                            var fields = line.split(" ");
                            if (fields.length >= 3 && fields[2].chars().allMatch(Character::isDigit)) {
                                histogram.recordValue(Math.max(1, Long.parseLong(fields[2])));
                            }
                        });
                    }
                    Files.delete(file);
                }
            }
        }
        return new Run(
                histogram,
                number(output, "tps = ([0-9.]+) \\(without initial connection time\\)"),
                (long) number(output, "number of transactions actually processed: ([0-9]+)"),
                (long) number(output, "number of failed transactions: ([0-9]+)"),
                output);
    }

    /** The script, with the authentication query after the variables when the service sends it per request. */
    String script() {
        if (!authenticateEachRequest) {
            return SCRIPT;
        }
        int body = SCRIPT.indexOf("begin;");
        return SCRIPT.substring(0, body) + AUTHENTICATE + SCRIPT.substring(body);
    }

    private static void define(List<String> command, String name, String value) {
        command.add("-D");
        command.add(name + "=" + value);
    }

    private static double number(String output, String regex) {
        var matcher = Pattern.compile(regex).matcher(output);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
