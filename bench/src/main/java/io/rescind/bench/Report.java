package io.rescind.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/** Writes report.md and chart.png for a results directory. */
final class Report {

    private static final long HEAP_LIMIT = 512L << 20;

    private Report() {}

    static void write(Path results, Options options) throws IOException {
        var rows = Bench.read(results);
        var meta = new Properties();
        try (var in = Files.newBufferedReader(results.resolve("meta.properties"), StandardCharsets.UTF_8)) {
            meta.load(in);
        }
        var out = options.path("out", results.toString());
        Files.createDirectories(out);
        var chartName = options.text("chart", "chart.png");
        var profile = options.text("profile", "full");
        var datasets = new TreeSet<Long>();
        rows.forEach(r -> datasets.add(r.lines()));
        var kinds = rows.stream().map(Bench.Row::kind).distinct().toList();
        var clients = rows.stream().map(Bench.Row::clients).distinct().sorted().toList();

        var series = new LinkedHashMap<String, List<Bench.Row>>();
        for (long lines : datasets) {
            for (var kind : kinds) {
                var of = rows.stream()
                        .filter(r -> r.lines() == lines && r.kind().equals(kind))
                        .toList();
                if (!of.isEmpty()) {
                    series.put(datasets.size() == 1 ? kind : "%s, %s lines".formatted(kind, count(lines)), of);
                }
            }
        }
        Chart.draw(
                out.resolve(chartName),
                "Rescind cancels vs the pgbench ceiling on the same PostgreSQL (" + profile + " run)",
                clients,
                series);

        var md = new StringBuilder();
        var date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        md.append("# Benchmark: ").append(profile).append(" run, ").append(date).append("\n\n");
        var note = options.text("note", "");
        if (!note.isBlank()) {
            md.append("> ").append(note).append("\n\n");
        }
        md.append("Produced by `bench/run.sh ")
                .append(profile)
                .append("`. Each client count ran ")
                .append(meta.getProperty("warmup"))
                .append(" s of warm-up, then ")
                .append(meta.getProperty("duration"))
                .append(" s measured; pgbench ran the same way, before the service's runs, on the same rows. ")
                .append("Each of the ")
                .append(meta.getProperty("lines-per-order"))
                .append(" lines of an order is picked at random; ")
                .append(meta.getProperty("hot-percent"))
                .append("% of the picks fall on the first ")
                .append(meta.getProperty("hot-orders"))
                .append(" orders (the hot lines: their cancels queue on the order lock). ")
                .append("One cancel is one unit of one line, with an `Idempotency-Key`.\n\n");

        md.append("## Against the targets of issue 7\n\n");
        md.append("| target | measured | verdict |\n|---|---|---|\n");
        for (long lines : datasets.descendingSet()) {
            var at32 = find(rows, lines, "canonical", 32);
            var pg32 = find(rows, lines, "pgbench", 32);
            var suffix = datasets.size() == 1 ? "" : " (" + count(lines) + " lines)";
            if (at32.isPresent() && pg32.isPresent()) {
                double ratio = at32.get().throughput() / pg32.get().throughput();
                verdict(
                        md,
                        "canonical ≥ 60% of pgbench at 32 clients" + suffix,
                        "%.0f%% (%,.0f vs %,.0f per s)"
                                .formatted(
                                        ratio * 100,
                                        at32.get().throughput(),
                                        pg32.get().throughput()),
                        ratio >= 0.6);
            }
            if (at32.isPresent()) {
                var r = at32.get();
                double spread = r.p50() == 0 ? 0 : (double) r.p99() / r.p50();
                verdict(
                        md,
                        "canonical p99 ≤ 5 × p50 at 32 clients" + suffix,
                        "%.1f× (p50 %s, p99 %s)".formatted(spread, Bench.ms(r.p50()), Bench.ms(r.p99())),
                        spread <= 5);
            }
            for (var kind : kinds) {
                if (kind.equals("pgbench") || kind.equals("canonical")) {
                    continue;
                }
                var dialect = find(rows, lines, kind, 32);
                if (dialect.isPresent() && at32.isPresent()) {
                    double ratio = dialect.get().throughput() / at32.get().throughput();
                    verdict(
                            md,
                            kind + " within 20% of canonical at 32 clients" + suffix,
                            "%.0f%%".formatted(ratio * 100),
                            ratio >= 0.8);
                }
            }
        }
        long heap = rows.stream().mapToLong(Bench.Row::heapMax).max().orElse(-1);
        verdict(md, "service heap < 512 MiB during the runs", mib(heap), heap >= 0 && heap < HEAP_LIMIT);
        long errors = rows.stream()
                .filter(r -> !r.kind().equals("pgbench"))
                .mapToLong(Bench.Row::errors)
                .sum();
        verdict(md, "no errors but 'nothing left to cancel'", errors + " errors", errors == 0);
        var disagreements = rows.stream().filter(r -> !r.agrees()).toList();
        verdict(
                md,
                "database totals = successful responses, after every run",
                disagreements.isEmpty()
                        ? "all " + rows.size() + " runs agree"
                        : disagreements.size() + " runs disagree",
                disagreements.isEmpty());
        if (datasets.size() > 1) {
            var small = find(rows, datasets.first(), "canonical", 32);
            var large = find(rows, datasets.last(), "canonical", 32);
            if (small.isPresent() && large.isPresent()) {
                double drop = 1 - large.get().throughput() / small.get().throughput();
                verdict(
                        md,
                        "scale: throughput at %s lines within 10%% of %s lines (32 clients)"
                                .formatted(count(datasets.last()), count(datasets.first())),
                        "%+.0f%% (%,.0f → %,.0f per s)"
                                .formatted(
                                        -drop * 100,
                                        small.get().throughput(),
                                        large.get().throughput()),
                        drop <= 0.10);
            }
        }
        if (kinds.stream().noneMatch(k -> !k.equals("pgbench") && !k.equals("canonical"))) {
            md.append("| each dialect within 20% of canonical | no dialect measured: none is merged yet | — |\n");
        }
        md.append("\n![throughput and p99 latency](").append(chartName).append(")\n\n");

        for (long lines : datasets.descendingSet()) {
            md.append("## ").append(count(lines)).append(" lines\n\n");
            md.append(
                    "| API | clients | per second | vs pgbench | vs canonical | p50 | p95 | p99 | max | cancelled | nothing left | errors | heap max | RSS max | totals check |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (var kind : kinds) {
                for (int c : clients) {
                    var row = find(rows, lines, kind, c);
                    if (row.isEmpty()) {
                        continue;
                    }
                    var r = row.get();
                    var pg = find(rows, lines, "pgbench", c);
                    var ratio = kind.equals("pgbench") || pg.isEmpty()
                            ? "—"
                            : "%.0f%%".formatted(100 * r.throughput() / pg.get().throughput());
                    var canonical = find(rows, lines, "canonical", c);
                    var versusCanonical = kind.equals("pgbench") || kind.equals("canonical") || canonical.isEmpty()
                            ? "—"
                            : "%.0f%%"
                                    .formatted(100
                                            * r.throughput()
                                            / canonical.get().throughput());
                    md.append("| %s | %d | %,.0f | %s | %s | %s | %s | %s | %s | %,d | %,d | %d | %s | %s | %s |\n"
                            .formatted(
                                    kind,
                                    c,
                                    r.throughput(),
                                    ratio,
                                    versusCanonical,
                                    Bench.ms(r.p50()),
                                    Bench.ms(r.p95()),
                                    Bench.ms(r.p99()),
                                    Bench.ms(r.max()),
                                    r.cancelled(),
                                    r.nothingLeft(),
                                    r.errors(),
                                    mib(r.heapMax()),
                                    mib(r.rssMax()),
                                    r.check()));
                }
            }
            md.append("\n");
        }
        md.append("pgbench's *cancelled* column is the transactions of the measured run; its *errors* are ")
                .append("pgbench's failed transactions. The service's *cancelled* and *nothing left* cover warm-up ")
                .append("and measured run, as the totals check does; latencies and throughput cover the measured ")
                .append("run only.\n\n");
        if (kinds.stream().anyMatch(k -> !k.equals("pgbench") && !k.equals("canonical"))) {
            md.append("Each dialect sends its platform's own cancel (docs/benchmarks/README.md, *Targets*): ")
                    .append("canonical, walmart and mirakl cancel one unit of a line; hlconnect, crux and ")
                    .append("tradecloud cancel the whole line (crux leaves it pending for the seller), each on ")
                    .append("lines of its own, so their *nothing left* counts the picks of lines they had already ")
                    .append("cancelled. mirakl's rate is of accepted cancels (202 with an action); the check waits ")
                    .append("for the worker to run them all. tradecloud's answer does not tell a cancel from a ")
                    .append("refusal, so its two columns come from the database. *vs canonical* compares with the ")
                    .append("canonical run at the same client count (the issue's target: within 20% at 32).\n\n");
        }

        for (long lines : datasets.descendingSet()) {
            var plans = results.resolve("explain-" + lines + ".txt");
            if (Files.exists(plans)) {
                md.append("<details><summary>Plans of the hot path's statements on ")
                        .append(count(lines))
                        .append(" lines</summary>\n\n```\n")
                        .append(Files.readString(plans).strip())
                        .append("\n```\n</details>\n\n");
            }
        }
        md.append("## Machine\n\n| | |\n|---|---|\n");
        for (var entry : machine(meta, options).entrySet()) {
            md.append("| ")
                    .append(entry.getKey())
                    .append(" | ")
                    .append(entry.getValue())
                    .append(" |\n");
        }
        md.append("\n");
        Files.writeString(out.resolve(options.text("name", "report.md")), md.toString());
        System.out.println("Report written to " + out.resolve(options.text("name", "report.md")));
    }

    private static void verdict(StringBuilder md, String target, String measured, boolean met) {
        md.append("| ")
                .append(target)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(met ? "met" : "**not met**")
                .append(" |\n");
    }

    private static Optional<Bench.Row> find(List<Bench.Row> rows, long lines, String kind, int clients) {
        return rows.stream()
                .filter(r -> r.lines() == lines && r.kind().equals(kind) && r.clients() == clients)
                .findFirst();
    }

    static String count(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return (n / 1_000_000) + " million";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return "%,d thousand".formatted(n / 1_000);
        }
        return "%,d".formatted(n);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "—" : "%d MiB".formatted(bytes >> 20);
    }

    private static LinkedHashMap<String, String> machine(Properties meta, Options options) {
        var machine = new LinkedHashMap<String, String>();
        machine.put("CPU", firstMatch(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"));
        machine.put("cores (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put(
                "memory",
                firstMatch(Path.of("/proc/meminfo"), "MemTotal")
                        .map(v -> "%.1f GiB".formatted(Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                        .orElse("unknown"));
        machine.put(
                "OS",
                firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME")
                                .map(v -> v.replace("\"", ""))
                                .orElse(System.getProperty("os.name"))
                        + ", kernel " + System.getProperty("os.version"));
        machine.put("service JDK", options.text("service-jdk", "unknown"));
        machine.put("service JVM options", options.text("service-jvm", "defaults"));
        machine.put("load generator JDK", meta.getProperty("load-jdk", "unknown"));
        machine.put(
                "PostgreSQL",
                meta.getProperty("postgres", "unknown")
                        + " (embedded, shared_buffers 256MB, synchronous_commit on, same host)");
        machine.put("pgbench", meta.getProperty("pgbench", "unknown"));
        if (meta.containsKey("load-start")) {
            // Other work on the machine takes CPU from the service and pgbench alike: read the figures with it.
            machine.put(
                    "load average (1, 5, 15 min)",
                    "%s before the runs, %s after"
                            .formatted(meta.getProperty("load-start"), meta.getProperty("load-end", "unknown")));
        }
        return machine;
    }

    private static Optional<String> firstMatch(Path file, String key) {
        try {
            var result = new ArrayList<String>();
            for (var line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    var separator = line.indexOf(':') >= 0 ? line.indexOf(':') : line.indexOf('=');
                    result.add(line.substring(separator + 1).strip());
                    break;
                }
            }
            return result.stream().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
