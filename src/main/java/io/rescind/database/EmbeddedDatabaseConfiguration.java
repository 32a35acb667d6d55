package io.rescind.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) throws IOException {
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
                .start();
        log.info("Embedded PostgreSQL listening on port {} with data in {}", postgres.getPort(), dataDir);
        return postgres;
    }

    /** Starts the server again when its postmaster dies; also its health indicator. */
    @Bean
    @ConditionalOnProperty(name = "rescind.database.embedded.supervise", havingValue = "true", matchIfMissing = true)
    EmbeddedDatabaseSupervisor embeddedDatabase(EmbeddedPostgres postgres, EmbeddedDatabaseProperties properties) {
        return new EmbeddedDatabaseSupervisor(
                properties.dataDir().toAbsolutePath().normalize(), properties.superviseInterval());
    }

    /** Pool settings still come from {@code spring.datasource.hikari.*}. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        return dataSource;
    }

    /**
     * A JVM killed without shutdown (SIGKILL, OOM killer) leaves its PostgreSQL running on the data
     * directory, and the next start would fail on it; stop that server first.
     */
    private static void stopLeftoverServer(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return;
        }
        var server = ProcessHandle.of(Long.parseLong(lines.getFirst().strip()))
                .filter(process -> process.info().command().orElse("").endsWith("/postgres"));
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
