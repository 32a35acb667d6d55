package io.rescind.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.FileSystemUtils;

/**
 * Starts a real PostgreSQL from Maven-shipped binaries when no datasource URL is configured, so
 * that {@code java -jar} works on a bare machine. The server is stopped when the context closes, and
 * started again by its supervisor if its postmaster dies meanwhile.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    /**
     * Closed when the context closes, after the DataSource that depends on it, so after the web
     * server has drained and every worker using the database has stopped.
     */
    @Bean(destroyMethod = "close")
    EmbeddedServer embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
        var dataDir = properties.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        stopLeftoverServer(dataDir);
        if (properties.clean()) {
            // Also wipes what an interrupted first start (initdb cut short) left behind.
            FileSystemUtils.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
        }
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(properties.clean())
                .setPort(properties.port())
                .setServerConfig("max_connections", String.valueOf(properties.maxConnections()))
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", "on")
                // The library starts PostgreSQL with -F (no fsync), fine for throw-away test data but
                // not for data that must survive a power cut; the last setting on the command line wins.
                .setServerConfig("fsync", properties.fsync() ? "on" : "off")
                // The library's own JVM shutdown hook would stop the server at once on Ctrl-C or
                // SIGTERM, concurrently with Spring's, while requests and workers still use it.
                // The server is a bean instead, closed after everything that uses the DataSource.
                .setRegisterShutdownHook(false)
                .start();
        detachFromTerminal(dataDir);
        log.info("Embedded PostgreSQL listening on port {} with data in {}", postgres.getPort(), dataDir);
        return new EmbeddedServer(postgres, dataDir);
    }

    record EmbeddedServer(EmbeddedPostgres postgres, Path dataDir) implements Closeable {

        /** PostgreSQL's own processes, by the titles they give themselves; any other child is a session. */
        private static final Pattern SERVER_PROCESS = Pattern.compile(
                "postgres: (checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker"
                        + "|logical replication launcher|logical replication (apply|tablesync) worker|archiver"
                        + "|walsummarizer|io worker|startup|wal sender|wal receiver).*");

        @Override
        public void close() throws IOException {
            awaitClientSessionsGone(Duration.ofSeconds(5));
            postgres.close();
            log.info("Embedded PostgreSQL stopped; its data stays in {}", dataDir);
        }

        /**
         * The pool has closed its connections, but each session's process takes a moment to exit;
         * a stop within it ends them as "terminated by administrator command". Waits for them (at
         * most {@code atMost}).
         */
        private void awaitClientSessionsGone(Duration atMost) throws IOException {
            var server = postmaster(dataDir);
            if (server.isEmpty()) {
                return;
            }
            long deadline = System.nanoTime() + atMost.toNanos();
            while (server.get().children().anyMatch(EmbeddedServer::isSession)) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /**
         * A session: a child of the postmaster that is not one of the server's own processes, by the
         * title it gives itself in {@code /proc/<pid>/cmdline} (Java's process info does not show
         * it). An empty title is a session on its way out, not yet reaped: wait for it too. Without
         * {@code /proc} (macOS) nothing is waited for.
         */
        private static boolean isSession(ProcessHandle process) {
            try {
                var cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
                var title = new String(cmdline, StandardCharsets.UTF_8)
                        .replace('\0', ' ')
                        .strip();
                return !SERVER_PROCESS.matcher(title).matches();
            } catch (IOException | RuntimeException goneOrUnknown) {
                return false;
            }
        }
    }

    /**
     * The library starts the postmaster as a child of the JVM, in its process group, so Ctrl-C in a
     * terminal signals it too, and PostgreSQL answers SIGINT with a fast shutdown that cuts every
     * session while Spring is still draining. {@code pg_ctl restart} starts it again, on the same
     * port with the same options, in a session of its own (pg_ctl calls setsid), where only the
     * context's close stops it. Done before the pool exists, so no session is cut.
     */
    private static void detachFromTerminal(Path dataDir) throws IOException {
        var server = postmaster(dataDir);
        if (server.isEmpty()) {
            return;
        }
        var pgCtl = Path.of(server.get().info().command().orElseThrow()).resolveSibling("pg_ctl");
        var command = new ArrayList<String>();
        if ("root".equals(System.getProperty("user.name"))) {
            // As the library does: PostgreSQL refuses to run as root, so it runs in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                pgCtl.toString(),
                "restart",
                "-D",
                dataDir.toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                "60",
                "-s",
                "-l",
                dataDir.resolve("postgres.log").toString()));
        try {
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(
                        "pg_ctl restart of the embedded PostgreSQL failed; see " + dataDir.resolve("postgres.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while restarting the embedded PostgreSQL", e);
        }
    }

    /** The postmaster running on {@code dataDir}, from its pid file. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(process -> process.info().command().orElse("").endsWith("/postgres"));
    }

    /** Starts the server again when its postmaster dies; also its health indicator. */
    @Bean
    @ConditionalOnProperty(name = "rescind.database.embedded.supervise", havingValue = "true", matchIfMissing = true)
    EmbeddedDatabaseSupervisor embeddedDatabase(EmbeddedServer server, EmbeddedDatabaseProperties properties) {
        return new EmbeddedDatabaseSupervisor(
                properties.dataDir().toAbsolutePath().normalize(), properties.superviseInterval());
    }

    /** Pool settings still come from {@code spring.datasource.hikari.*}. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedServer server) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.postgres().getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }

    /**
     * A JVM killed without shutdown (SIGKILL, OOM killer) leaves its PostgreSQL running on the data
     * directory, and the next start would fail on it; stop that server first.
     */
    private static void stopLeftoverServer(Path dataDir) throws IOException {
        var server = postmaster(dataDir);
        if (server.isEmpty()) {
            return;
        }
        log.warn(
                "Stopping the embedded PostgreSQL (pid {}) left running on {} by an earlier crash",
                server.get().pid(),
                dataDir);
        try {
            // SIGINT is PostgreSQL's "fast" shutdown: it ends the orphaned sessions and checkpoints.
            new ProcessBuilder("kill", "-INT", String.valueOf(server.get().pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the leftover PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The PostgreSQL left running on " + dataDir + " did not stop", e);
        }
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("spring.datasource.url");
        }
    }
}
