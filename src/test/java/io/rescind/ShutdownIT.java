package io.rescind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.rescind.support.Api;
import io.rescind.support.ApiTest;
import io.rescind.support.Fixtures;
import io.rescind.support.ServiceProcess;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar on its embedded PostgreSQL stops cleanly: the web server drains, the workers
 * stop, then the database, and nothing on the way logs a warning or an error, whether it is
 * stopped by Ctrl-C in its terminal (SIGINT to the JVM and to every process it started) or by a
 * supervisor's SIGTERM. The second start reuses the data the first one left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownIT {

    private static final Path DATA = Path.of("target", "shutdown-it", "pg");

    @Test
    @Order(1)
    void ctrlCInTheTerminalStopsInOrderWithoutWarnings() throws Exception {
        var log = Path.of("target", "shutdown-it", "ctrl-c.log");
        // A fresh cluster, wiped here rather than with embedded.clean, which also deletes it on stop.
        org.springframework.util.FileSystemUtils.deleteRecursively(DATA);
        try (var service = start(log)) {
            cancelSomething(service.port());
            service.interruptGroup();
            service.awaitExit();
            assertStoppedInOrderWithoutWarnings(service.logLines());
        }
    }

    /**
     * Also with tracing turned on and exported over OTLP to a collector (here a receiver on
     * loopback): the cancel's trace arrives, and the exporter's last flush on the way out warns of
     * nothing either.
     */
    @Test
    @Order(2)
    void sigtermStopsInOrderWithoutWarnings() throws Exception {
        var log = Path.of("target", "shutdown-it", "sigterm.log");
        var collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        var spans = new ConcurrentLinkedQueue<String>();
        collector.createContext("/v1/traces", exchange -> {
            spans.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        var tracing = List.of(
                "--management.tracing.enabled=true",
                "--management.tracing.sampling.probability=1.0",
                "--management.opentelemetry.tracing.export.schedule-delay=200ms",
                "--management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
                        + collector.getAddress().getPort() + "/v1/traces");
        try (var service = start(log, tracing)) {
            cancelSomething(service.port());
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            spans.stream().anyMatch(batch -> batch.contains("/api/v1/orders/{orderId}/cancellations")));
            service.terminate();
            service.awaitExit();
            assertStoppedInOrderWithoutWarnings(service.logLines());
        } finally {
            collector.stop(0);
        }
    }

    private static ServiceProcess start(Path log) throws Exception {
        return start(log, List.of());
    }

    private static ServiceProcess start(Path log, List<String> more) throws Exception {
        var arguments = new java.util.ArrayList<>(List.of(
                "--rescind.database.embedded.data-dir=" + DATA,
                "--rescind.database.embedded.fsync=false",
                "--rescind.bootstrap.demo=false",
                "--rescind.bootstrap.operator-key=" + ApiTest.OPERATOR_KEY));
        arguments.addAll(more);
        return ServiceProcess.start(log, arguments).awaitUp();
    }

    /** Some real work first, so that the pool holds connections and the outbox has events. */
    private static void cancelSomething(int port) {
        var api = new Api(port);
        var given = new Fixtures(api);
        var trade = given.trade();
        var order = given.anOrder(trade).withLine(3, "10.00").place();
        var cancel = api.post(
                "/api/v1/orders/" + order.get("id").asString() + "/cancellations",
                trade.buyer().key(),
                Map.of("reason", "CUSTOMER_REQUEST", "lines", List.of(Map.of("lineNumber", 1, "quantity", 1))));
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(201);
    }

    private static void assertStoppedInOrderWithoutWarnings(List<String> lines) throws Exception {
        assertThat(lines).as("log lines at ERROR").noneMatch(line -> line.contains(" ERROR "));
        // From the signal on: the start warns, rightly, of settings a production run should make
        // (docs/deploy/checklist.md); the stop has nothing to warn about.
        int signalled = indexOf(lines, "Commencing graceful shutdown");
        assertThat(signalled).as("the web server began to drain").isNotNegative();
        assertThat(lines.subList(signalled, lines.size()))
                .as("log lines of the stop at WARN or ERROR, or with a stack trace")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        int drained = indexOf(lines, "Graceful shutdown complete");
        int databaseStopped = indexOf(lines, "Embedded PostgreSQL stopped");
        assertThat(drained).as("the web server drained").isNotNegative();
        assertThat(databaseStopped).as("the database stopped after it").isGreaterThan(drained);
        // No session was cut: the pool had closed before PostgreSQL was asked to stop, and Ctrl-C
        // did not reach PostgreSQL itself.
        var postgresLog = Files.readString(DATA.resolve("postgres.log"));
        assertThat(postgresLog)
                .doesNotContain("terminating connection")
                .doesNotContain("FATAL")
                .contains("database system is shut down");
        assertThat(DATA.resolve("postmaster.pid")).doesNotExist();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
