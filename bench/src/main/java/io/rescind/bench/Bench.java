package io.rescind.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Entry point. {@code run} measures one data set against a running service (bench/run.sh starts
 * and stops it) and appends its rows to {@code results.tsv}; {@code report} turns a results
 * directory into report.md and chart.png; {@code profile} summarises the service's flight
 * recording over one measured window.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench run|report --name value ...");
            System.exit(2);
        }
        var options = Options.parse(args, 1);
        switch (args[0]) {
            case "run" -> System.exit(run(options) ? 0 : 1);
            case "report" -> Report.write(options.path("results", "bench/results/latest"), options);
            case "profile" -> Profile.write(options);
            default -> throw new IllegalArgumentException("Unknown command " + args[0]);
        }
    }

    /** One measured row of the report. */
    record Row(
            long lines,
            String kind,
            int clients,
            double throughput,
            long p50,
            long p95,
            long p99,
            long max,
            long cancelled,
            long nothingLeft,
            long errors,
            long heapMax,
            long rssMax,
            String check) {

        static final String HEADER =
                "lines\tkind\tclients\tthroughput\tp50_us\tp95_us\tp99_us\tmax_us\tcancelled\tnothing_left\terrors\theap_max\trss_max\tcheck";

        static Row of(
                long lines,
                String kind,
                int clients,
                double throughput,
                Histogram h,
                long cancelled,
                long nothingLeft,
                long errors,
                long heapMax,
                long rssMax,
                String check) {
            return new Row(
                    lines,
                    kind,
                    clients,
                    throughput,
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(95),
                    h.getValueAtPercentile(99),
                    h.getMaxValue(),
                    cancelled,
                    nothingLeft,
                    errors,
                    heapMax,
                    rssMax,
                    check);
        }

        String tsv() {
            return String.join(
                    "\t",
                    String.valueOf(lines),
                    kind,
                    String.valueOf(clients),
                    "%.1f".formatted(throughput),
                    String.valueOf(p50),
                    String.valueOf(p95),
                    String.valueOf(p99),
                    String.valueOf(max),
                    String.valueOf(cancelled),
                    String.valueOf(nothingLeft),
                    String.valueOf(errors),
                    String.valueOf(heapMax),
                    String.valueOf(rssMax),
                    check.replace('\t', ' ').replace('\n', ' '));
        }

        /** Whether the run's totals check passed ("ok", possibly followed by a remark). */
        boolean agrees() {
            return check.equals("ok") || check.startsWith("ok ");
        }

        static Row parse(String line) {
            var f = line.split("\t", -1);
            return new Row(
                    Long.parseLong(f[0]),
                    f[1],
                    Integer.parseInt(f[2]),
                    Double.parseDouble(f[3]),
                    Long.parseLong(f[4]),
                    Long.parseLong(f[5]),
                    Long.parseLong(f[6]),
                    Long.parseLong(f[7]),
                    Long.parseLong(f[8]),
                    Long.parseLong(f[9]),
                    Long.parseLong(f[10]),
                    Long.parseLong(f[11]),
                    Long.parseLong(f[12]),
                    f[13]);
        }
    }

    private static boolean run(Options options) throws IOException, SQLException, InterruptedException {
        var results = options.path("results", "bench/results/latest");
        Files.createDirectories(results);
        var service = new Service(
                URI.create(options.text("base-url", "http://localhost:8080")), options.bigNumber("service-pid", -1));
        int dbPort = options.number("db-port", 54329);
        var jdbcUrl = "jdbc:postgresql://localhost:%d/postgres".formatted(dbPort);
        var clients = options.numbers("clients", "1,8,32,64");
        var warmup = Duration.ofSeconds(options.number("warmup", 10));
        var measure = Duration.ofSeconds(options.number("duration", 30));
        var targets = Target.expand(options.words("targets", "canonical"));
        var pgbenchExecutable = options.text("pgbench", "pgbench");

        System.out.printf("Preparing %,d lines%n", options.bigNumber("lines", 1_000_000));
        var fixture = Fixture.prepare(service, jdbcUrl, options.required("operator-key"), options, targets);
        writeMeta(results, fixture, jdbcUrl, pgbenchExecutable, options);

        recordLoad(results, "load-start");
        var rows = new ArrayList<Row>();
        boolean ok = true;
        try (var db = Fixture.connect(jdbcUrl)) {
            if (!options.text("skip-pgbench", "false").equals("true")) {
                var pgbench = new Pgbench(
                        pgbenchExecutable,
                        "localhost",
                        dbPort,
                        results.resolve("pgbench"),
                        options.text("pgbench-auth", "false").equals("true"));
                for (int c : clients) {
                    var before = Fixture.Totals.read(db);
                    var warm = pgbench.run(fixture, c, warmup, false);
                    var run = pgbench.run(fixture, c, measure, true);
                    var moved = Fixture.Totals.read(db).minus(before);
                    long processed = warm.processed() + run.processed();
                    var check = moved.cancelledUnits() == processed && moved.applied() == processed
                            ? "ok"
                            : "pgbench processed %d, database moved %d units"
                                    .formatted(processed, moved.cancelledUnits());
                    ok &= check.equals("ok") && run.failed() == 0;
                    var row = Row.of(
                            fixture.lines(),
                            "pgbench",
                            c,
                            run.tps(),
                            run.latencyMicros(),
                            run.processed(),
                            0,
                            run.failed(),
                            -1,
                            -1,
                            check);
                    rows.add(row);
                    append(results, row);
                    System.out.printf(
                            "  pgbench   %3d clients: %8.1f tps  p50 %s  p99 %s  %s%n",
                            c, run.tps(), ms(row.p50()), ms(row.p99()), check);
                }
            }
            for (var name : targets) {
                var target = Target.named(name, service, fixture);
                for (int c : clients) {
                    var before = Fixture.Totals.read(db);
                    var sampler = new Sampler(service);
                    sampler.start();
                    long measuredFrom = System.currentTimeMillis() + warmup.toMillis();
                    var run = LoadGenerator.run(target, fixture, c, warmup, measure);
                    Files.writeString(
                            results.resolve("windows.tsv"),
                            "%d\t%s\t%d\t%d\t%d\t%d%n"
                                    .formatted(
                                            fixture.lines(),
                                            name,
                                            c,
                                            measuredFrom,
                                            measuredFrom + measure.toMillis(),
                                            run.measuredCompletions()),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                    sampler.stop();
                    var drained = target.queues() ? drain(db) : Duration.ZERO;
                    var moved = Fixture.Totals.read(db).minus(before);
                    var disagreement = moved.disagreement(run.counts(), target.unitsPerCancel(), target.pending());
                    var check = disagreement == null ? "ok" : disagreement;
                    // Where the answers do not say which cancels took and which were refused, the database does.
                    boolean told = run.counts().decided() + run.counts().queued() == 0;
                    if (target.queues() && run.counts().queued() > 0) {
                        check += " (actions drained %.1f s after the run)".formatted(drained.toMillis() / 1000.0);
                    }
                    if (!run.errorSamples().isEmpty()) {
                        System.out.println("    errors, e.g.: " + run.errorSamples());
                    }
                    ok &= disagreement == null && run.errors() == 0;
                    var row = Row.of(
                            fixture.lines(),
                            name,
                            c,
                            run.throughput(),
                            run.latencyMicros(),
                            told ? run.counts().succeeded() : moved.applied() + moved.pending(),
                            told ? run.counts().nothingLeft() : moved.refused(),
                            run.errors(),
                            sampler.heapMax(),
                            sampler.rssMax(),
                            check);
                    rows.add(row);
                    append(results, row);
                    System.out.printf(
                            "  %-9s %3d clients: %8.1f ops/s p50 %s  p99 %s  errors %d  heap %d MiB  %s%n",
                            name,
                            c,
                            run.throughput(),
                            ms(row.p50()),
                            ms(row.p99()),
                            run.errors(),
                            sampler.heapMax() >> 20,
                            check);
                }
            }
            // After the runs, so the cancellation tables hold rows and fresh statistics.
            try (var statement = db.createStatement()) {
                statement.execute("analyze");
            }
            Explain.write(db, fixture, results.resolve("explain-%d.txt".formatted(fixture.lines())));
        }
        recordLoad(results, "load-end");
        return ok;
    }

    /**
     * Waits until the action worker has run every queued action, so that the totals check sees
     * their outcomes; gives up after ten minutes (the check then reports the open actions).
     */
    private static Duration drain(java.sql.Connection db) throws SQLException, InterruptedException {
        long from = System.nanoTime();
        long giveUp = from + Duration.ofMinutes(10).toNanos();
        while (Fixture.Totals.openActions(db) > 0 && System.nanoTime() < giveUp) {
            Thread.sleep(200);
        }
        return Duration.ofNanos(System.nanoTime() - from);
    }

    static String ms(long micros) {
        return "%.2f ms".formatted(micros / 1000.0);
    }

    private static void append(Path results, Row row) throws IOException {
        var file = results.resolve("results.tsv");
        if (!Files.exists(file)) {
            Files.writeString(file, Row.HEADER + "\n");
        }
        Files.writeString(file, row.tsv() + "\n", StandardOpenOption.APPEND);
    }

    /** Notes the machine's load average now (the first three fields of /proc/loadavg); kept from the first data set. */
    private static void recordLoad(Path results, String key) throws IOException {
        var file = results.resolve("meta.properties");
        var meta = new Properties();
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                meta.load(in);
            }
        }
        if (key.equals("load-start") && meta.containsKey(key)) {
            return;
        }
        var loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return;
        }
        var fields = Files.readString(loadavg).strip().split("\\s+");
        meta.setProperty(key, String.join(", ", List.of(fields).subList(0, Math.min(3, fields.length))));
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            meta.store(out, "Rescind benchmark run");
        }
    }

    private static void writeMeta(Path results, Fixture fixture, String jdbcUrl, String pgbench, Options options)
            throws IOException, SQLException {
        var meta = new Properties();
        var file = results.resolve("meta.properties");
        if (Files.exists(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                meta.load(in);
            }
        }
        try (var db = Fixture.connect(jdbcUrl);
                var statement = db.createStatement();
                var rs = statement.executeQuery("select version()")) {
            rs.next();
            meta.setProperty("postgres", rs.getString(1));
        }
        meta.setProperty("pgbench", Pgbench.version(pgbench));
        meta.setProperty("lines-per-order", String.valueOf(fixture.linesPerOrder));
        meta.setProperty("hot-orders", String.valueOf(fixture.hotOrders));
        meta.setProperty("hot-percent", String.valueOf(fixture.hotPercent));
        meta.setProperty("warmup", options.text("warmup", "10"));
        meta.setProperty("duration", options.text("duration", "30"));
        meta.setProperty("clients", options.text("clients", "1,8,32,64"));
        meta.setProperty("load-jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            meta.store(out, "Rescind benchmark run");
        }
    }

    /**
     * Samples the service's heap and RSS every two seconds and keeps the highest. Less often would
     * miss peaks; more often costs the service measurable CPU (a Prometheus scrape renders every
     * metric).
     */
    static final class Sampler {
        private final Service service;
        private final AtomicLong heap = new AtomicLong(-1);
        private final AtomicLong rss = new AtomicLong(-1);
        private volatile boolean running = true;
        private Thread thread;

        Sampler(Service service) {
            this.service = service;
        }

        void start() {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    heap.accumulateAndGet(service.heapUsed(), Math::max);
                    rss.accumulateAndGet(service.rss(), Math::max);
                    try {
                        Thread.sleep(2_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            heap.accumulateAndGet(service.heapUsed(), Math::max);
            rss.accumulateAndGet(service.rss(), Math::max);
        }

        long heapMax() {
            return heap.get();
        }

        long rssMax() {
            return rss.get();
        }
    }

    static List<Row> read(Path results) throws IOException {
        return Files.readAllLines(results.resolve("results.tsv")).stream()
                .skip(1)
                .filter(line -> !line.isBlank())
                .map(Row::parse)
                .toList();
    }
}
