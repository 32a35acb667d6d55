package io.rescind.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Jepsen-style crash check (issue 17). Concurrent clients cancel one unit at a time, each cancel
 * with an idempotency key of its own, retried with the same key while its outcome is unknown (a
 * 503, a refused or broken connection); meanwhile the service JVM and the PostgreSQL postmaster are
 * killed with SIGKILL in turn, in a loop. Every acknowledged cancel is recorded. At the end the
 * database is checked against that history: no acknowledged cancel lost, none applied twice, no
 * over-cancel, each line's cancelled units equal to its applied cancellations, exactly one
 * {@code order.lines_cancelled} outbox event per applied cancellation (no orphan, none missing),
 * and every applied cancellation delivered to a webhook receiver at least once.
 *
 * <p>{@code java -cp … io.rescind.bench.CrashRunner --jar rescind.jar --work dir [--cycles 20]
 * [--clients 8] [--seconds 5] [--port 18090] [--db-port 54339]}; {@code bench/crash.sh} builds and
 * runs it. It prints a Markdown report and exits 1 when a check fails.
 */
final class CrashRunner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR_KEY = "rk_crash_runner_operator_" + UUID.randomUUID();

    /** One cancel as the client saw it: acknowledged (201), refused, or never known. */
    record Op(String key, UUID orderId, int status, UUID cancellationId, int tries) {}

    private final Path jar;
    private final Path work;
    private final int port;
    private final int dbPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process service;
    private int starts;

    private CrashRunner(Path jar, Path work, int port, int dbPort) {
        this.jar = jar;
        this.work = work;
        this.port = port;
        this.dbPort = dbPort;
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var runner = new CrashRunner(
                Path.of(options.get("jar")),
                Path.of(options.getOrDefault("work", "bench/results/crash")),
                Integer.parseInt(options.getOrDefault("port", "18090")),
                Integer.parseInt(options.getOrDefault("db-port", "54339")));
        var ok = runner.run(
                Integer.parseInt(options.getOrDefault("cycles", "20")),
                Integer.parseInt(options.getOrDefault("clients", "8")),
                Integer.parseInt(options.getOrDefault("seconds", "5")));
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int cycles, int clients, int seconds) throws Exception {
        Files.createDirectories(work);
        var started = Instant.now();
        startService(true);
        var receiver = new Hooks();
        try {
            var buyer = party("BUYER");
            var seller = party("SELLER");
            var orders = new ArrayList<UUID>();
            for (int i = 0; i < clients * 4; i++) {
                orders.add(placeOrder(buyer, seller));
            }
            var subscribed = send(
                    "POST",
                    "/api/v1/webhooks/subscriptions",
                    seller.key(),
                    Map.of("url", receiver.url(), "eventTypes", List.of("cancellation.applied")),
                    null);
            check(subscribed.statusCode() == 201, "subscribe: " + subscribed.body());

            var history = new ConcurrentLinkedQueue<Op>();
            var running = new AtomicBoolean(true);
            var kills = new ArrayList<String>();
            var downtimes = new ArrayList<Long>();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < clients; c++) {
                    executor.submit(() -> {
                        while (running.get()) {
                            var order = orders.get(ThreadLocalRandom.current().nextInt(orders.size()));
                            history.add(cancelOne(buyer, order, running));
                        }
                        return null;
                    });
                }
                for (int cycle = 1; cycle <= cycles; cycle++) {
                    Thread.sleep(seconds * 1000L);
                    var killedAt = System.nanoTime();
                    if (cycle % 2 == 1) {
                        kills.add("service JVM (pid " + service.pid() + ")");
                        service.destroyForcibly().waitFor();
                        startService(false);
                    } else {
                        var postmaster = postmasterPid();
                        kills.add("postmaster (pid " + postmaster + ")");
                        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
                        awaitHealthy(Duration.ofMinutes(3));
                    }
                    downtimes.add((System.nanoTime() - killedAt) / 1_000_000);
                    System.err.printf(
                            "cycle %d/%d: killed the %s, back after %d ms, %d operations so far%n",
                            cycle, cycles, kills.getLast(), downtimes.getLast(), history.size());
                }
                Thread.sleep(seconds * 1000L);
                running.set(false);
            }
            return check(history, receiver, kills, downtimes, started, clients, seconds, buyer);
        } finally {
            receiver.close();
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
        }
    }

    /** Cancels one unit; while the outcome is unknown, sends the same request again, same key. */
    private Op cancelOne(Party buyer, UUID order, AtomicBoolean running) {
        var key = UUID.randomUUID().toString();
        var body = Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1)));
        int status = -1;
        int tries = 0;
        // Keep trying after the run stops too, for a while: an unknown outcome is resolved if it can be.
        var deadline = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            tries++;
            try {
                var response = send("POST", "/api/v1/orders/" + order + "/cancellations", buyer.key(), body, key);
                status = response.statusCode();
                if (status == 201 || status == 200) {
                    var id = UUID.fromString(
                            JSON.readTree(response.body()).get("id").asString());
                    return new Op(key, order, 201, id, tries);
                }
                if (status < 500) {
                    return new Op(key, order, status, null, tries);
                }
            } catch (IOException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Op(key, order, -1, null, tries);
            }
            if (!running.get() && deadline == Long.MAX_VALUE) {
                deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            }
            pause(100);
        }
        return new Op(key, order, status, null, tries);
    }

    private boolean check(
            ConcurrentLinkedQueue<Op> history,
            Hooks receiver,
            List<String> kills,
            List<Long> downtimes,
            Instant started,
            int clients,
            int seconds,
            Party buyer)
            throws Exception {
        var acknowledged = history.stream().filter(op -> op.status() == 201).toList();
        var unknown = history.stream()
                .filter(op -> op.status() < 0 || op.status() >= 500)
                .toList();
        var refused = history.stream()
                .filter(op -> op.status() >= 400 && op.status() < 500)
                .toList();
        var failures = new ArrayList<String>();
        var figures = new LinkedHashMap<String, Object>();
        try (var db =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "")) {
            // Deliveries drain: wait (bounded) until nothing is pending for the receiver.
            var drainDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < drainDeadline) {
                try (var rs = db.createStatement()
                        .executeQuery("select count(*) from webhook_deliveries where status = 'PENDING'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                pause(500);
            }
            long stillPending;
            try (var rs = db.createStatement()
                    .executeQuery("select count(*) from webhook_deliveries where status = 'PENDING'")) {
                rs.next();
                stillPending = rs.getLong(1);
            }
            var applied = new HashMap<String, UUID>();
            try (var statement = db.prepareStatement(
                    "select idempotency_key, cancellation_id from cancellations where requested_by = ? and status = 'APPLIED'")) {
                statement.setObject(1, buyer.id());
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        if (applied.put(rs.getString(1), rs.getObject(2, UUID.class)) != null) {
                            failures.add("idempotency key applied twice: " + rs.getString(1));
                        }
                    }
                }
            }
            long lost = 0;
            for (var op : acknowledged) {
                var id = applied.get(op.key());
                if (id == null || !id.equals(op.cancellationId())) {
                    lost++;
                    failures.add("acknowledged cancel lost: key " + op.key());
                }
            }
            long unknownApplied =
                    unknown.stream().filter(op -> applied.containsKey(op.key())).count();
            var keys = history.stream().map(Op::key).collect(java.util.stream.Collectors.toSet());
            long phantom =
                    applied.keySet().stream().filter(k -> !keys.contains(k)).count();
            if (phantom > 0) {
                failures.add(phantom + " applied cancellations no client sent");
            }
            // Units: every line's cancelled quantity is its applied cancellations, never over.
            try (var rs = db.createStatement().executeQuery("""
                    select l.order_id, l.quantity, l.cancelled_quantity,
                           (select count(*) from cancellations c
                            where c.order_id = l.order_id and c.status = 'APPLIED') as applied
                    from order_lines l join purchase_orders o on o.tenant_id = l.tenant_id and o.order_id = l.order_id
                    where o.buyer_id = '%s'
                    """.formatted(buyer.id()))) {
                while (rs.next()) {
                    if (rs.getLong("cancelled_quantity") != rs.getLong("applied")) {
                        failures.add("order %s: %d units cancelled by %d applied cancellations"
                                .formatted(rs.getString(1), rs.getLong(3), rs.getLong(4)));
                    }
                    if (rs.getLong("cancelled_quantity") > rs.getLong("quantity")) {
                        failures.add("order %s over-cancelled".formatted(rs.getString(1)));
                    }
                }
            }
            // Events: exactly one order.lines_cancelled per applied cancellation, none without one.
            long missingEvents = 0;
            long orphanEvents = 0;
            try (var rs = db.createStatement().executeQuery("""
                    select count(*) filter (where e.n is null), count(*) filter (where e.n > 1)
                    from cancellations c
                    left join (select coalesce(payload->'change'->>'cancellationId', payload->>'cancellationId') as id,
                                      count(*) as n
                               from outbox where type = 'order.lines_cancelled' group by 1) e
                      on e.id = c.cancellation_id::text
                    where c.requested_by = '%s' and c.status = 'APPLIED'
                    """.formatted(buyer.id()))) {
                rs.next();
                missingEvents = rs.getLong(1);
                if (rs.getLong(2) > 0) {
                    failures.add(rs.getLong(2) + " cancellations with more than one event");
                }
            }
            try (var rs = db.createStatement().executeQuery("""
                    select count(*) from outbox o
                    where o.type = 'order.lines_cancelled'
                      and not exists (select 1 from cancellations c
                                      where c.cancellation_id::text = coalesce(o.payload->'change'->>'cancellationId',
                                                                                o.payload->>'cancellationId'))
                    """)) {
                rs.next();
                orphanEvents = rs.getLong(1);
            }
            if (missingEvents > 0) {
                failures.add(missingEvents + " applied cancellations without their event");
            }
            if (orphanEvents > 0) {
                failures.add(orphanEvents + " events without their cancellation");
            }
            // Deliveries: every applied cancellation reached the receiver at least once.
            var received = receiver.cancellations();
            long undelivered = applied.values().stream()
                    .filter(id -> !received.containsKey(id))
                    .count();
            if (undelivered > 0) {
                failures.add(undelivered + " applied cancellations never delivered to the webhook receiver");
            }
            long duplicates = received.values().stream().mapToLong(n -> n - 1).sum();

            figures.put("duration", Duration.between(started, Instant.now()).toSeconds() + " s");
            figures.put(
                    "cycles (kill -9)",
                    kills.size() + " ("
                            + kills.stream()
                                    .filter(k -> k.startsWith("service"))
                                    .count()
                            + " service JVM, "
                            + kills.stream()
                                    .filter(k -> k.startsWith("postmaster"))
                                    .count()
                            + " postmaster)");
            figures.put(
                    "clients", clients + ", one cancel of one unit at a time each, " + seconds + " s between kills");
            figures.put("operations", history.size());
            figures.put("acknowledged (201)", acknowledged.size());
            figures.put("refused (4xx)", refused.size());
            figures.put(
                    "unknown at the end (retried with the same key until the run ended)",
                    unknown.size() + ", of which applied: " + unknownApplied);
            figures.put(
                    "requests sent again with the same key",
                    history.stream().mapToInt(op -> op.tries() - 1).sum());
            figures.put("applied cancellations in the database", applied.size());
            figures.put("acknowledged but lost", lost);
            figures.put("applied without a client (phantom)", phantom);
            figures.put("cancellation events missing / orphan", missingEvents + " / " + orphanEvents);
            figures.put("webhook: delivered at least once", (applied.size() - undelivered) + " of " + applied.size());
            figures.put("webhook: duplicate deliveries", duplicates);
            figures.put("webhook: still pending when checked", stillPending);
            figures.put("downtime per kill (ms, kill to healthy)", downtimes);
        }
        System.out.println("| check | result |\n|---|---|");
        figures.forEach((name, value) -> System.out.println("| " + name + " | " + value + " |"));
        System.out.println();
        System.out.println(failures.isEmpty() ? "All checks passed." : "FAILED:\n- " + String.join("\n- ", failures));
        return failures.isEmpty();
    }

    private record Party(UUID id, String key) {}

    private Party party(String role) throws Exception {
        var response = send(
                "POST",
                "/api/v1/parties",
                OPERATOR_KEY,
                Map.of("name", "crash " + role + " " + UUID.randomUUID(), "role", role),
                null);
        check(response.statusCode() == 201, "party: " + response.body());
        var body = JSON.readTree(response.body());
        return new Party(
                UUID.fromString(body.at("/party/id").asString()),
                body.get("apiKey").asString());
    }

    private UUID placeOrder(Party buyer, Party seller) throws Exception {
        var response = send(
                "POST",
                "/api/v1/orders",
                buyer.key(),
                Map.of(
                        "orderNumber",
                        "CRASH-" + UUID.randomUUID(),
                        "sellerId",
                        seller.id().toString(),
                        "currency",
                        "EUR",
                        "lines",
                        List.of(Map.of("productId", "SKU-1", "quantity", 100_000, "unitPrice", 1.00))),
                null);
        check(response.statusCode() == 201, "order: " + response.body());
        return UUID.fromString(JSON.readTree(response.body()).get("id").asString());
    }

    private HttpResponse<String> send(String method, String path, String key, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void startService(boolean clean) throws Exception {
        starts++;
        var command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--rescind.database.embedded.port=" + dbPort,
                "--rescind.database.embedded.data-dir=" + work.resolve("pgdata"),
                "--rescind.database.embedded.clean=" + clean,
                "--rescind.bootstrap.demo=false",
                "--rescind.bootstrap.operator-key=" + OPERATOR_KEY,
                "--rescind.events.webhooks.allow-loopback=true",
                "--rescind.events.webhooks.initial-backoff=200ms",
                "--rescind.events.webhooks.max-backoff=2s",
                "--rescind.events.webhooks.max-attempts=1000",
                "--rescind.events.webhooks.lease=10s",
                "--rescind.events.webhooks.circuit.pause=1s",
                "--rescind.events.webhooks.circuit.max-pause=2s");
        service = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service-" + starts + ".log").toFile())
                .start();
        awaitHealthy(Duration.ofMinutes(5));
    }

    private void awaitHealthy(Duration patience) throws Exception {
        var deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (service != null && !service.isAlive()) {
                throw new IllegalStateException("the service exited; see " + work);
            }
            try {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            pause(200);
        }
        throw new IllegalStateException("the service did not become healthy; see " + work);
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(work.resolve("pgdata").resolve("postmaster.pid"))
                .getFirst()
                .strip());
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The webhook receiver: counts each cancellation it was told about. */
    private static final class Hooks implements AutoCloseable {
        private final HttpServer server;
        private final Map<UUID, AtomicInteger> seen = new ConcurrentHashMap<>();

        Hooks() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/hooks", exchange -> {
                var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                JsonNode event = JSON.readTree(body);
                var id = event.at("/data/cancellationId");
                if (!id.isMissingNode()) {
                    seen.computeIfAbsent(UUID.fromString(id.asString()), k -> new AtomicInteger())
                            .incrementAndGet();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        Map<UUID, Long> cancellations() {
            var copy = new HashMap<UUID, Long>();
            seen.forEach((id, n) -> copy.put(id, (long) n.get()));
            return copy;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
