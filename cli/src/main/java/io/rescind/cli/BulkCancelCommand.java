package io.rescind.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

@Command(
        name = "bulk-cancel",
        mixinStandardHelpOptions = true,
        description = {
            "Cancel many orders in one job: those of a CSV file, or every open line of a selection.",
            "Shows the job's progress until it is done, then writes the result of every order to a CSV file.",
            "Exit code 0 when every order was applied or awaits approval, 4 when any was refused, failed or skipped."
        },
        subcommands = {BulkCancelCommand.Jobs.class, BulkCancelCommand.Watch.class, BulkCancelCommand.Stop.class})
final class BulkCancelCommand implements Callable<Integer> {

    enum ProgressMode {
        auto,
        bar,
        plain,
        none
    }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(
                names = "--file",
                paramLabel = "CSV",
                description = "orders to cancel: a CSV with a header naming order_id or order_number, and optionally"
                        + " line_number (or line_id, position) and quantity; an order without lines is cancelled whole")
        Path file;

        @ArgGroup(exclusive = false)
        Selection selection;
    }

    static final class Selection {
        @Option(names = "--sku", description = "every open line of this product")
        String sku;

        @Option(names = "--seller", description = "every open line of this seller's orders (party id)")
        String seller;

        @Option(names = "--buyer", description = "every open line of this buyer's orders (party id)")
        String buyer;

        @Option(names = "--placed-before", description = "every open line of orders placed before (ISO 8601 instant)")
        String placedBefore;
    }

    // Checked in call(), not by picocli: "bulk-cancel watch" and "bulk-cancel stop" need neither.
    @Option(names = "--reason", description = "required: a cancel reason (OUT_OF_STOCK, CUSTOMER_REQUEST ...)")
    String reason;

    @Option(names = "--note", description = "a note kept with every cancellation")
    String note;

    @Option(names = "--no-restock", description = "do not give the units back to stock")
    boolean noRestock;

    @Option(names = "--dry-run", description = "show what each order would get now, and change nothing")
    boolean dryRun;

    @Option(
            names = "--idempotency-key",
            description = "sent as Idempotency-Key: running the same command again returns the first job")
    String idempotencyKey;

    @Option(
            names = "--results",
            paramLabel = "FILE",
            description = "where to write the results (default bulk-<job id>.csv)")
    Path results;

    @Option(names = "--no-wait", description = "print the job accepted and return at once")
    boolean noWait;

    @Mixin
    Watching watching = new Watching();

    /** How a job is followed; shared by {@code bulk-cancel} and {@code bulk-cancel watch}. */
    static final class Watching {
        @Option(
                names = "--progress",
                defaultValue = "auto",
                description =
                        "auto (a bar on a terminal, else plain lines), bar, plain or none (default ${DEFAULT-VALUE})")
        ProgressMode progress;

        @Option(
                names = "--poll-interval",
                defaultValue = "1000",
                paramLabel = "MS",
                description = "milliseconds between two looks at the job (default ${DEFAULT-VALUE})")
        long pollMillis;
    }

    @Override
    public Integer call() throws Exception {
        if (reason == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--reason=<reason>'");
        }
        if (source == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "Give the orders: --file CSV, or a selection (--sku, --seller, --buyer, --placed-before)");
        }
        var root = OrdersCommand.root(spec);
        var client = root.client();
        var body = new LinkedHashMap<String, Object>();
        body.put("reason", reason);
        if (note != null) {
            body.put("note", note);
        }
        if (noRestock) {
            body.put("restock", false);
        }
        if (dryRun) {
            body.put("dryRun", true);
        }
        if (source.file != null) {
            body.put("orders", readOrders(source.file));
        } else {
            var selection = new LinkedHashMap<String, Object>();
            selection.put("productId", source.selection.sku);
            selection.put("sellerId", source.selection.seller);
            selection.put("buyerId", source.selection.buyer);
            selection.put("placedBefore", source.selection.placedBefore);
            selection.values().removeIf(value -> value == null);
            body.put("selection", selection);
        }
        var headers = idempotencyKey == null ? Map.<String, String>of() : Map.of("Idempotency-Key", idempotencyKey);
        var reply = client.send("POST", "/api/v1/bulk-cancellations", body, headers);
        if (dryRun) {
            return showDryRun(root, reply.body());
        }
        var job = reply.body();
        if (noWait) {
            if (root.json()) {
                root.printJson(job);
            } else {
                root.out()
                        .println("Bulk job " + job.path("id").asString() + " accepted: "
                                + job.at("/progress/total").asInt() + " orders");
                root.out().flush();
            }
            return 0;
        }
        return follow(root, client, job, watching, results);
    }

    /** Polls the job until it is no longer running, then writes its results and sums it up. */
    static int follow(Rescind root, Client client, JsonNode job, Watching watching, Path results)
            throws InterruptedException {
        var jobId = job.path("id").asString();
        var err = root.spec.commandLine().getErr();
        var mode = watching.progress == ProgressMode.auto
                ? (Progress.onTerminal() ? ProgressMode.bar : ProgressMode.plain)
                : watching.progress;
        // Progress goes to stderr, so that --output json on stdout stays one document.
        var progress = new Progress(
                root.json() ? err : root.out(),
                mode == ProgressMode.bar,
                System.nanoTime(),
                job.at("/progress/done").asInt());
        if (mode != ProgressMode.none) {
            (root.json() ? err : root.out())
                    .println("Bulk job " + jobId + ": "
                            + job.at("/progress/total").asInt() + " orders");
        }
        while (true) {
            if (mode != ProgressMode.none) {
                progress.show(job, System.nanoTime());
            }
            if (!job.path("status").asString().equals("RUNNING")) {
                break;
            }
            Thread.sleep(watching.pollMillis);
            job = client.get("/api/v1/bulk-cancellations/" + jobId);
        }
        if (mode != ProgressMode.none) {
            progress.finish();
        }
        var file = results != null ? results : Path.of("bulk-" + jobId + ".csv");
        try (var in = client.download("/api/v1/bulk-cancellations/" + jobId + "/results.csv")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results to " + file, e);
        }
        var p = job.path("progress");
        if (root.json()) {
            root.printJson(job);
        } else {
            var out = root.out();
            out.printf(
                    Locale.ROOT,
                    "Job %s %s: %d orders, %d applied, %d refused, %d pending approval, %d failed, %d skipped; %d units%n",
                    jobId,
                    job.path("status").asString(),
                    p.path("total").asInt(),
                    p.path("applied").asInt(),
                    p.path("refused").asInt(),
                    p.path("pendingApproval").asInt(),
                    p.path("failed").asInt(),
                    p.path("skipped").asInt(),
                    p.path("units").asLong());
            out.println("Results: " + file);
            out.flush();
        }
        return p.path("refused").asInt()
                                + p.path("failed").asInt()
                                + p.path("skipped").asInt()
                        == 0
                ? 0
                : Rescind.REFUSED;
    }

    private int showDryRun(Rescind root, JsonNode answer) {
        if (results != null) {
            var csv = new StringBuilder("seq,order_id,order_number,status,units,refusal_codes\n");
            answer.path("results")
                    .forEach(result -> csv.append(result.path("seq").asInt())
                            .append(',')
                            .append(result.path("orderId").asString(""))
                            .append(',')
                            .append(result.path("orderNumber").asString(""))
                            .append(',')
                            .append(result.path("status").asString())
                            .append(',')
                            .append(result.path("units").asLong())
                            .append(',')
                            .append(codes(result))
                            .append('\n'));
            try {
                Files.writeString(results, csv, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the results to " + results, e);
            }
        }
        if (root.json()) {
            root.printJson(answer);
        } else {
            var out = root.out();
            out.println("Dry run, nothing changed. Each order would be:");
            var table = new Table("SEQ", "ORDER", "NUMBER", "WOULD BE", "UNITS", "REFUSALS");
            answer.path("results")
                    .forEach(result -> table.row(
                            result.path("seq").asInt(),
                            result.path("orderId").asString(""),
                            result.path("orderNumber").asString(""),
                            result.path("status").asString(),
                            result.path("units").asLong(),
                            codes(result)));
            table.print(out);
            var summary = new StringBuilder();
            answer.path("summary")
                    .properties()
                    .forEach(entry -> summary.append(summary.isEmpty() ? "" : ", ")
                            .append(entry.getValue().asInt())
                            .append(' ')
                            .append(entry.getKey()));
            out.println("Summary: " + summary);
            out.flush();
        }
        return 0;
    }

    private static String codes(JsonNode result) {
        var codes = new ArrayList<String>();
        result.path("refusals")
                .forEach(refusal -> codes.add(refusal.path("code").asString()
                        + (refusal.path("lineNumber").isNumber()
                                ? "@" + refusal.path("lineNumber").asInt()
                                : "")));
        return String.join(";", codes);
    }

    /** The orders of a CSV file, each once, its lines in the order given. */
    static List<Map<String, Object>> readOrders(Path file) throws IOException {
        var rows = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty: it needs a header and a row per order or line");
        }
        var header = List.of(rows.getFirst().strip().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        int orderId = header.indexOf("order_id");
        int orderNumber = header.indexOf("order_number");
        if (orderId < 0 && orderNumber < 0) {
            throw new IllegalArgumentException(file + ": the header must name order_id or order_number");
        }
        int lineNumber = header.indexOf("line_number");
        int lineId = header.indexOf("line_id");
        int position = header.indexOf("position");
        int quantity = header.indexOf("quantity");
        var orders = new LinkedHashMap<String, Map<String, Object>>();
        for (int i = 1; i < rows.size(); i++) {
            var cells = rows.get(i).split("\\s*,\\s*", -1);
            var id = cell(cells, orderId);
            var number = cell(cells, orderNumber);
            if (id == null && number == null) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": no order_id or order_number");
            }
            var order = orders.computeIfAbsent(id != null ? "id:" + id : "n:" + number, key -> {
                var entry = new LinkedHashMap<String, Object>();
                if (id != null) {
                    entry.put("orderId", id);
                } else {
                    entry.put("orderNumber", parse(number, file, key));
                }
                return entry;
            });
            var line = new LinkedHashMap<String, Object>();
            if (cell(cells, lineNumber) != null) {
                line.put("lineNumber", parse(cell(cells, lineNumber), file, "line_number"));
            } else if (cell(cells, lineId) != null) {
                line.put("lineId", cell(cells, lineId));
            } else if (cell(cells, position) != null) {
                line.put("position", cell(cells, position));
            }
            if (!line.isEmpty()) {
                if (cell(cells, quantity) != null) {
                    line.put("quantity", parse(cell(cells, quantity), file, "quantity"));
                }
                @SuppressWarnings("unchecked")
                var lines = (List<Object>) order.computeIfAbsent("lines", key -> new ArrayList<>());
                lines.add(line);
            }
        }
        return List.copyOf(orders.values());
    }

    private static String cell(String[] cells, int index) {
        if (index < 0 || index >= cells.length) {
            return null;
        }
        var value = cells[index].strip();
        return value.isEmpty() ? null : value;
    }

    private static long parse(String value, Path file, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + value + "' is not a number (" + what + ")");
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Your bulk jobs, newest first (an operator: every job of the tenant).")
    static final class Jobs implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "at most this many, up to 100 (default ${DEFAULT-VALUE})")
        int limit;

        @Override
        public Integer call() {
            var root = OrdersCommand.root(spec);
            var page = root.client().get("/api/v1/bulk-cancellations" + Client.query(Map.of("limit", limit)));
            if (root.json()) {
                root.printJson(page);
                return 0;
            }
            var table = new Table("ID", "STATUS", "REASON", "DONE", "APPLIED", "REFUSED", "PENDING", "CREATED");
            page.path("items")
                    .forEach(job -> table.row(
                            job.path("id").asString(""),
                            job.path("status").asString(""),
                            job.path("reason").asString(""),
                            job.at("/progress/done").asInt() + "/"
                                    + job.at("/progress/total").asInt(),
                            job.at("/progress/applied").asInt(),
                            job.at("/progress/refused").asInt(),
                            job.at("/progress/pendingApproval").asInt(),
                            job.path("createdAt").asString("")));
            table.print(root.out());
            return 0;
        }
    }

    @Command(
            name = "watch",
            mixinStandardHelpOptions = true,
            description = "Follow a job already accepted until it is done.")
    static final class Watch implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "JOB_ID", description = "the bulk job's id")
        String jobId;

        @Option(
                names = "--results",
                paramLabel = "FILE",
                description = "where to write the results (default bulk-<job id>.csv)")
        Path results;

        @Mixin
        Watching watching = new Watching();

        @Override
        public Integer call() throws Exception {
            var root = OrdersCommand.root(spec);
            var client = root.client();
            return follow(root, client, client.get("/api/v1/bulk-cancellations/" + jobId), watching, results);
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Stop a job between two orders; the orders not yet worked are skipped.")
    static final class Stop implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "JOB_ID", description = "the bulk job's id")
        String jobId;

        @Override
        public Integer call() {
            var root = OrdersCommand.root(spec);
            var job = root.client().post("/api/v1/bulk-cancellations/" + jobId + "/cancel", Map.of());
            if (root.json()) {
                root.printJson(job);
            } else {
                root.out()
                        .println("Job " + jobId + " " + job.path("status").asString() + ": "
                                + job.at("/progress/done").asInt() + " of "
                                + job.at("/progress/total").asInt()
                                + " orders done, " + job.at("/progress/skipped").asInt() + " skipped");
                root.out().flush();
            }
            return 0;
        }
    }
}
