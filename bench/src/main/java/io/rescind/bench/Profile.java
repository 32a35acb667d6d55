package io.rescind.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads the service's flight recording for one measured window (one API at one client count) and
 * writes where the service's CPU went: its CPU per cancel, a breakdown by layer (inclusive: a
 * sample counts for every layer on its stack) and the hottest frames.
 */
final class Profile {

    /** Layers of the cancel path, each recognised by a frame on the stack. */
    private static final Map<String, String> LAYERS = layers();

    private static Map<String, String> layers() {
        var layers = new LinkedHashMap<String, String>();
        layers.put("Micrometer observations (HTTP server and every security filter)", "io.micrometer.observation");
        layers.put("ApiKeyFilter: ApiKeys.authenticate (SHA-256, SQL)", "io.rescind.parties.ApiKeys.authenticate");
        layers.put("request body: Jackson read + bean validation", "readWithMessageConverters");
        layers.put("bean validation (all)", "org.hibernate.validator");
        layers.put("response body: Jackson write", "writeWithMessageConverters");
        layers.put(
                "CancellationEngine.cancel (transaction, SQL, JSON)",
                "io.rescind.cancellation.CancellationEngine.cancel");
        layers.put("  PurchaseOrders.lock (order + lines, row mapping)", "io.rescind.orders.PurchaseOrders.lock");
        layers.put("  PurchaseOrders.line (row mapping, taxes jsonb parse)", "io.rescind.orders.PurchaseOrders.line");
        layers.put("  Fingerprint.of (JSON + SHA-256 of the command)", "io.rescind.Fingerprint.of");
        layers.put("  Cancellations.findByKey", "io.rescind.cancellation.Cancellations.findByKey");
        layers.put("  CancellationPolicies.forSeller", "io.rescind.cancellation.CancellationPolicies.forSeller");
        layers.put("  PurchaseOrders.save", "io.rescind.orders.PurchaseOrders.save");
        layers.put(
                "  OrderJournal.record (history + outbox, two JSON documents)",
                "io.rescind.orders.OrderJournal.record");
        layers.put("  Cancellations.insert (two JSON documents)", "io.rescind.cancellation.Cancellations.insert");
        layers.put(
                "  commit and connection hand-back",
                "org.springframework.transaction.support.AbstractPlatformTransactionManager.commit");
        layers.put("pgjdbc driver (all)", "org.postgresql.");
        layers.put("HikariCP proxies (all)", "com.zaxxer.hikari.");
        layers.put("Jackson (all)", "tools.jackson.");
        layers.put("Prometheus scrape (the benchmark's heap sampler)", "PrometheusScrapeEndpoint");
        layers.put("garbage collection and JIT threads (not Java frames)", "");
        return layers;
    }

    /** Libraries, by package prefix; JDK frames are charged to the library that called them. */
    private static final Map<String, String> LIBRARIES = libraries();

    private static Map<String, String> libraries() {
        var libraries = new LinkedHashMap<String, String>();
        libraries.put("org.postgresql.", "pgjdbc driver");
        libraries.put("com.zaxxer.hikari.", "HikariCP");
        libraries.put("tools.jackson.", "Jackson");
        libraries.put("org.hibernate.validator.", "Hibernate Validator");
        libraries.put("io.micrometer.", "Micrometer (observations, metrics)");
        libraries.put("io.prometheus.", "Micrometer (observations, metrics)");
        libraries.put("org.springframework.jdbc.", "Spring JDBC and transactions");
        libraries.put("org.springframework.transaction.", "Spring JDBC and transactions");
        libraries.put("io.rescind.", "Rescind's own code");
        libraries.put("org.springframework.security.", "Spring Security");
        libraries.put("org.springframework.", "Spring Framework (MVC, AOP, core)");
        libraries.put("org.apache.", "Tomcat");
        libraries.put("ch.qos.logback.", "Logback");
        libraries.put("org.slf4j.", "Logback");
        return libraries;
    }

    private static String library(List<String> frames) {
        for (var frame : frames) {
            for (var library : LIBRARIES.entrySet()) {
                if (frame.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "JDK only (virtual-thread scheduling, I/O, GC helpers)";
    }

    private Profile() {}

    static void write(Options options) throws IOException {
        var recording = options.path("jfr", "service.jfr");
        var kind = options.text("kind", "canonical");
        int clients = options.number("clients", 32);
        long lines = options.bigNumber("lines", -1);
        Instant from;
        Instant to;
        long completions;
        String scope;
        if (options.values().containsKey("windows")) {
            String[] window = Files.readAllLines(options.path("windows", "windows.tsv")).stream()
                    .map(line -> line.split("\t"))
                    .filter(f -> f[1].equals(kind)
                            && Integer.parseInt(f[2]) == clients
                            && (lines < 0 || Long.parseLong(f[0]) == lines))
                    .findFirst()
                    .orElseThrow(() ->
                            new IllegalArgumentException("No window for %s at %d clients".formatted(kind, clients)));
            from = Instant.ofEpochMilli(Long.parseLong(window[3]));
            to = Instant.ofEpochMilli(Long.parseLong(window[4]));
            completions = Long.parseLong(window[5]);
            scope = "%s, %d clients, measured window".formatted(kind, clients);
        } else {
            // No recorded windows: the span from the first to the last sample inside a cancel request.
            var span = span(recording, options.text("marker", "CancellationController"));
            from = span[0];
            to = span[1];
            completions = options.bigNumber("completions", 0);
            scope = "%s, every client count, warm-ups included".formatted(kind);
        }

        int samples = 0;
        var layers = new LinkedHashMap<String, Integer>();
        LAYERS.keySet().forEach(name -> layers.put(name, 0));
        var self = new TreeMap<String, Integer>();
        var byLibrary = new TreeMap<String, Integer>();
        var ours = new TreeMap<String, Integer>();
        double cpu = 0;
        int cpuReadings = 0;
        try (var file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                var at = event.getStartTime();
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                var type = event.getEventType().getName();
                if (type.equals("jdk.CPULoad")) {
                    cpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    cpuReadings++;
                } else if (type.equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                    samples++;
                    var frames = event.getStackTrace().getFrames().stream()
                            .map(Profile::name)
                            .toList();
                    var joined = String.join("\n", frames);
                    for (var layer : LAYERS.entrySet()) {
                        if (!layer.getValue().isEmpty() && joined.contains(layer.getValue())) {
                            layers.merge(layer.getKey(), 1, Integer::sum);
                        }
                    }
                    byLibrary.merge(library(frames), 1, Integer::sum);
                    if (!frames.isEmpty()) {
                        self.merge(frames.getFirst(), 1, Integer::sum);
                    }
                    Set<String> seen = new HashSet<>();
                    for (var frame : frames) {
                        if (frame.startsWith("io.rescind.") && !frame.contains("$$SpringCGLIB") && seen.add(frame)) {
                            ours.merge(frame, 1, Integer::sum);
                        }
                    }
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double seconds = (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
        double cpuShare = cpuReadings == 0 ? 0 : cpu / cpuReadings;
        double cpuMsPerCancel = completions == 0 ? 0 : cpuShare * cores * seconds * 1000 / completions;

        var md = new StringBuilder();
        md.append("# Where the service's CPU goes: %s%n%n".formatted(scope));
        md.append("Recording `%s`, measured window of %.0f s, %,d requests completed.%n%n"
                .formatted(recording.getFileName(), seconds, completions));
        md.append(
                "- service JVM CPU: %.0f%% of the machine's %d cores on average, about **%.1f ms of CPU per cancel**%n"
                        .formatted(cpuShare * 100, cores, cpuMsPerCancel));
        md.append(("- %,d execution samples in the window (Java frames only: time waiting for PostgreSQL is not"
                        + " sampled)%n%n")
                .formatted(samples));
        md.append("**Self time by library** (a JDK frame counts for the library that called it)\n\n");
        md.append("| library | samples | share |\n|---|---:|---:|\n");
        int all = samples;
        top(byLibrary, 20)
                .forEach((name, count) ->
                        md.append("| %s | %,d | %.1f%% |%n".formatted(name, count, 100.0 * count / Math.max(1, all))));
        md.append("\n**Steps of the cancel path (inclusive)**\n\n");
        md.append("| step | samples | share |\n|---|---:|---:|\n");
        for (var layer : layers.entrySet()) {
            if (LAYERS.get(layer.getKey()).isEmpty()) {
                continue;
            }
            md.append("| %s | %,d | %.1f%% |%n"
                    .formatted(
                            layer.getKey(), layer.getValue(), samples == 0 ? 0 : 100.0 * layer.getValue() / samples));
        }
        int total = samples;
        md.append("\n**Hottest Rescind methods (inclusive)**\n\n| method | share |\n|---|---:|\n");
        top(ours, 15)
                .forEach((name, count) ->
                        md.append("| `%s` | %.1f%% |%n".formatted(name, 100.0 * count / Math.max(1, total))));
        md.append("\n**Hottest frames (self)**\n\n| frame | share |\n|---|---:|\n");
        top(self, 15)
                .forEach((name, count) ->
                        md.append("| `%s` | %.1f%% |%n".formatted(name, 100.0 * count / Math.max(1, total))));
        var out = options.path("out", "profile.md");
        Files.writeString(out, md.toString());
        System.out.println("Profile written to " + out);
    }

    /**
     * From the first to the last sample inside {@code marker}, after the longest pause between two
     * such samples if it is over a minute: the set-up cancels, seeding and pgbench come before it.
     */
    private static Instant[] span(Path recording, String marker) throws IOException {
        var times = new ArrayList<Instant>();
        try (var file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                var event = file.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")
                        && event.getStackTrace() != null
                        && event.getStackTrace().getFrames().stream().anyMatch(f -> name(f).contains(marker))) {
                    times.add(event.getStartTime());
                }
            }
        }
        if (times.isEmpty()) {
            throw new IllegalArgumentException("No sample inside " + marker);
        }
        Collections.sort(times);
        int start = 0;
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i).toEpochMilli() - times.get(i - 1).toEpochMilli();
            if (gap > longest) {
                longest = gap;
                start = i;
            }
        }
        return new Instant[] {longest > 60_000 ? times.get(start) : times.getFirst(), times.getLast()};
    }

    private static String name(RecordedFrame frame) {
        var method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(n)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }
}
