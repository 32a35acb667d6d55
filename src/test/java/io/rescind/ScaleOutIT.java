package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import io.rescind.support.ServiceProcess;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Three instances of the packaged jar on one PostgreSQL (the first one's embedded server), driven
 * together: cancels sent to all three, each repeated with its idempotency key to another one;
 * asynchronous cancels; requests that expire; a webhook receiver. Then the totals: no cancel lost
 * or doubled, every event delivered once to the subscription, every action and every expiry
 * carried out once, and the work spread over the instances. Several minutes on two cores, so
 * only with {@code -Dscaleout=true} (docs/deploy/scale-out.md has the figures of a run).
 */
@EnabledIfSystemProperty(named = "scaleout", matches = "true")
class ScaleOutIT {

    private static final Path DIR = Path.of("target", "scale-out");
    private static final int ORDERS = 40;
    private static final int LINES = 4;
    private static final int UNITS = 5;
    private static final int EXPIRING = 12;

    @Test
    void threeInstancesShareTheWorkAndNothingIsLostOrDoubled() throws Exception {
        FileSystemUtils.deleteRecursively(DIR);
        int pgPort = ServiceProcess.freePort();
        var common = List.of(
                "--rescind.bootstrap.demo=false",
                "--rescind.bootstrap.operator-key=" + ApiTest.OPERATOR_KEY,
                "--rescind.mirakl.tokens.secret=scale-out-run-shared-secret-0123456789",
                "--rescind.events.webhooks.allow-loopback=true",
                "--rescind.events.relay.interval=100ms",
                "--rescind.events.webhooks.interval=100ms",
                "--rescind.cancellation.expiry.interval=200ms",
                "--rescind.actions.worker.poll-interval=100ms",
                "--spring.datasource.hikari.maximum-pool-size=10");
        var receiver = new Receiver();
        try (var a = start("a", pgPort, common, true);
                var b = start("b", pgPort, common, false);
                var c = start("c", pgPort, common, false)) {
            a.awaitUp();
            b.awaitUp();
            c.awaitUp();
            var instances = List.of(new Api(a.port()), new Api(b.port()), new Api(c.port()));
            var given = new Fixtures(instances.get(0));
            var trade = given.trade();
            var subscribed = instances
                    .get(1)
                    .post("/api/v1/webhooks/subscriptions", trade.buyer().key(), Map.of("url", receiver.url()));
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);

            // Orders placed through every instance.
            var orders = new ArrayList<String>();
            for (int i = 0; i < ORDERS; i++) {
                var order = new Fixtures(instances.get(i % 3)).anOrder(trade);
                for (int line = 0; line < LINES; line++) {
                    order.withLine(UNITS, "2.50");
                }
                orders.add(order.place().get("id").asString());
            }

            // Every unit cancelled on its own by 12 clients; lines 1-3 synchronously, each request
            // sent again with its key to the next instance; line 4 asynchronously (an action).
            var replays = new AtomicInteger();
            var asyncAccepted = new AtomicInteger();
            try (var clients = Executors.newFixedThreadPool(12)) {
                var work = new ArrayList<java.util.concurrent.Future<?>>();
                for (int o = 0; o < ORDERS; o++) {
                    for (int line = 1; line <= LINES; line++) {
                        for (int unit = 1; unit <= UNITS; unit++) {
                            int order = o, lineNumber = line, u = unit;
                            work.add(clients.submit(() -> {
                                var path = "/api/v1/orders/" + orders.get(order) + "/cancellations";
                                var body = Map.of(
                                        "reason",
                                        "CUSTOMER_REQUEST",
                                        "lines",
                                        List.of(Map.of("lineNumber", lineNumber, "quantity", 1)));
                                var key = "scale-" + order + "-" + lineNumber + "-" + u;
                                var first = instances.get((order + lineNumber + u) % 3);
                                if (lineNumber == LINES) {
                                    var response = first.request("POST", path)
                                            .key(trade.buyer().key())
                                            .header("Prefer", "respond-async")
                                            .json(body)
                                            .send();
                                    assertThat(response.status())
                                            .as(response.toString())
                                            .isEqualTo(202);
                                    asyncAccepted.incrementAndGet();
                                    return;
                                }
                                for (int attempt = 0; attempt < 2; attempt++) {
                                    var response = instances
                                            .get((order + lineNumber + u + attempt) % 3)
                                            .request("POST", path)
                                            .key(trade.buyer().key())
                                            .header("Idempotency-Key", key)
                                            .json(body)
                                            .send();
                                    assertThat(response.status())
                                            .as(response.toString())
                                            .isEqualTo(201);
                                    if ("true".equals(response.header("Idempotent-Replayed"))) {
                                        replays.incrementAndGet();
                                    }
                                }
                            }));
                        }
                    }
                }
                for (var each : work) {
                    each.get();
                }
            }

            // Requests that need the seller's approval, left to expire (accepted on expiry).
            var expiring = given.trade();
            var policy = instances
                    .get(2)
                    .put(
                            "/api/v1/sellers/" + expiring.seller().id() + "/cancellation-policy",
                            expiring.seller().key(),
                            Map.of(
                                    "buyerMayCancel", List.of("ISSUED"),
                                    "sellerMayCancel", List.of("ISSUED"),
                                    "buyerNeedsApproval", List.of("ISSUED"),
                                    "pendingTtl", "PT1S",
                                    "onExpiry", "ACCEPT"));
            assertThat(policy.status()).as(policy.toString()).isEqualTo(200);
            for (int i = 0; i < EXPIRING; i++) {
                var order = new Fixtures(instances.get(i % 3))
                        .anOrder(expiring)
                        .withLine(2, "1.00")
                        .place();
                var pending = instances
                        .get((i + 1) % 3)
                        .post(
                                "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                                expiring.buyer().key(),
                                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1))));
                assertThat(pending.status()).as(pending.toString()).isEqualTo(202);
            }

            var db = JdbcClient.create(new SimpleDriverDataSource(
                    new org.postgresql.Driver(),
                    "jdbc:postgresql://localhost:" + pgPort + "/postgres",
                    "postgres",
                    ""));
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> db.sql("""
                            select (select count(*) from actions where status = 'PENDING')
                                 + (select count(*) from cancellations where status = 'PENDING')
                                 + (select count(*) from outbox where published_at is null)
                                 + (select count(*) from webhook_deliveries where status = 'PENDING')
                            """).query(Long.class).single() == 0);

            // Cancels: every unit once, none twice.
            int syncUnits = ORDERS * (LINES - 1) * UNITS;
            int asyncUnits = ORDERS * UNITS;
            var cancelled = db.sql("""
                            select coalesce(sum(l.cancelled_quantity), 0) from order_lines l
                            join purchase_orders o on o.tenant_id = l.tenant_id and o.order_id = l.order_id
                            where o.buyer_id = :buyer
                            """)
                    .param("buyer", trade.buyer().id())
                    .query(Long.class)
                    .single();
            var applied = db.sql(
                            "select count(*) from cancellations where requested_by = :buyer and status = 'APPLIED'")
                    .param("buyer", trade.buyer().id())
                    .query(Long.class)
                    .single();
            assertThat(replays.get()).isEqualTo(syncUnits);
            assertThat(asyncAccepted.get()).isEqualTo(asyncUnits);
            assertThat(cancelled).isEqualTo(syncUnits + asyncUnits);
            assertThat(applied).isEqualTo(syncUnits + asyncUnits);

            // Actions: every one carried out, once.
            var actions = db.sql("select status, count(*) from actions group by status")
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .list();
            assertThat(actions).containsExactly(Map.entry("SUCCESS", (long) asyncUnits));

            // Expiry: every request expired once, its units cancelled.
            var expired = db.sql(
                            "select count(*) from cancellations where requested_by = :buyer and status = 'EXPIRED'")
                    .param("buyer", expiring.buyer().id())
                    .query(Long.class)
                    .single();
            var expiredEvents = db.sql("select count(*) from outbox where type = 'order.cancellation_expired'")
                    .query(Long.class)
                    .single();
            assertThat(expired).isEqualTo(EXPIRING);
            assertThat(expiredEvents).isEqualTo(EXPIRING);

            // Webhooks: every event of the buyer's orders delivered once to its subscription.
            var events = db.sql("select count(*) from webhook_deliveries where status = 'DELIVERED'")
                    .query(Long.class)
                    .single();
            var outboxOfBuyer = db.sql("""
                            select count(*) from outbox e join purchase_orders o
                              on o.tenant_id = e.tenant_id and o.order_id = e.order_id
                            where o.buyer_id = :buyer
                            """)
                    .param("buyer", trade.buyer().id())
                    .query(Long.class)
                    .single();
            assertThat(events).isEqualTo(outboxOfBuyer);
            assertThat(receiver.distinct()).isEqualTo(outboxOfBuyer);
            assertThat(receiver.repeated()).isZero();

            // Who did the work.
            var report = new StringBuilder("Scale-out run totals: orders " + (ORDERS + EXPIRING)
                    + ", cancels applied " + applied + " (replayed " + replays + "), actions " + asyncUnits
                    + ", expired " + expired + ", webhook events " + receiver.distinct() + " received once each\n");
            for (int i = 0; i < 3; i++) {
                var metrics = instances.get(i).get("/actuator/prometheus", null).text();
                report.append("instance ")
                        .append((char) ('a' + i))
                        .append(": sync cancels applied ")
                        .append(sample(metrics, "rescind_cancels_total", "api=\"canonical\",outcome=\"applied\""))
                        .append(", replayed ")
                        .append(sample(metrics, "rescind_cancels_total", "api=\"canonical\",outcome=\"replayed\""))
                        .append(", async (actions) applied ")
                        .append(sample(metrics, "rescind_cancels_total", "api=\"async\",outcome=\"applied\""))
                        .append(", expired ")
                        .append(sample(metrics, "rescind_cancel_decisions_total", "decision=\"expired\""))
                        .append(", webhooks delivered ")
                        .append(sample(metrics, "rescind_webhooks_attempts_seconds_count", "result=\"delivered\""))
                        .append('\n');
            }
            System.out.println(report);
            java.nio.file.Files.writeString(DIR.resolve("totals.txt"), report);
            // A clean stop, the database's owner last.
            for (var instance : List.of(c, b, a)) {
                instance.terminate();
                instance.awaitExit();
            }
        } finally {
            receiver.stop();
        }
    }

    private static ServiceProcess start(String name, int pgPort, List<String> common, boolean ownsDatabase)
            throws Exception {
        var arguments = new ArrayList<>(common);
        if (ownsDatabase) {
            arguments.add("--rescind.database.embedded.data-dir=" + DIR.resolve("pg"));
            arguments.add("--rescind.database.embedded.port=" + pgPort);
            arguments.add("--rescind.database.embedded.fsync=false");
        } else {
            arguments.add("--spring.datasource.url=jdbc:postgresql://localhost:" + pgPort + "/postgres");
            arguments.add("--spring.datasource.username=postgres");
        }
        var process = ServiceProcess.start(DIR.resolve(name + ".log"), arguments);
        if (ownsDatabase) {
            // The others connect to its database: it must be up (and migrated) first.
            process.awaitUp();
        }
        return process;
    }

    private static double sample(String metrics, String name, String labels) {
        var matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
        double sum = 0;
        while (matcher.find()) {
            boolean all = true;
            for (var label : labels.split(",")) {
                all &= matcher.group(1).contains(label);
            }
            if (all) {
                sum += Double.parseDouble(matcher.group(2));
            }
        }
        return sum;
    }

    /** A webhook receiver on loopback that answers 204 and counts each event id. */
    static final class Receiver {
        private final HttpServer server;
        private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

        Receiver() throws java.io.IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), id -> new AtomicInteger())
                        .incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        long distinct() {
            return received.size();
        }

        long repeated() {
            return received.values().stream().filter(count -> count.get() > 1).count();
        }

        void stop() {
            server.stop(0);
        }
    }
}
