package io.rescind.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the embedded PostgreSQL running. It looks at the postmaster every {@code interval}: a
 * postmaster that is gone while its {@code postmaster.pid} is still there died (killed, crashed, out
 * of memory) and is started again on the same data directory, port and options ({@code pg_ctl
 * restart}, which reads {@code postmaster.opts}), after PostgreSQL's own crash recovery. A server
 * that was stopped cleanly removed that file: someone meant it, and it is left stopped until started
 * again. The service itself needs no restart either way: the connection pool reconnects.
 *
 * <p>As a health indicator ({@code embeddedDatabase}) it reports the postmaster's state, its pid and
 * how many times it was restarted.
 */
final class EmbeddedDatabaseSupervisor implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseSupervisor.class);

    enum State {
        RUNNING,
        /** Died and not (yet) started again. */
        CRASHED,
        /** Stopped cleanly by someone; left so. */
        STOPPED
    }

    private final Path dataDirectory;
    private final Duration interval;
    private volatile Path pgCtl;
    private volatile State state = State.RUNNING;
    private volatile long pid;
    private volatile int restarts;
    private volatile Instant lastCrash;
    private volatile String lastRestartError;
    private ScheduledExecutorService scheduler;

    EmbeddedDatabaseSupervisor(Path dataDirectory, Duration interval) {
        this.dataDirectory = dataDirectory;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        look();
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("embedded-postgres-supervisor")
                .daemon(true)
                .factory());
        scheduler.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at the postmaster; a dead one is started again. */
    void look() {
        try {
            var recorded = recordedPid();
            if (recorded.isEmpty()) {
                if (state != State.STOPPED) {
                    log.warn("The embedded PostgreSQL on {} was stopped; it is left stopped", dataDirectory);
                }
                state = State.STOPPED;
                return;
            }
            var process = ProcessHandle.of(recorded.get()).filter(ProcessHandle::isAlive);
            if (process.isPresent()) {
                pid = recorded.get();
                process.get()
                        .info()
                        .command()
                        .ifPresent(postgres -> pgCtl = Path.of(postgres).resolveSibling("pg_ctl"));
                if (state != State.RUNNING) {
                    log.info("The embedded PostgreSQL on {} runs again (pid {})", dataDirectory, pid);
                }
                state = State.RUNNING;
                return;
            }
            if (state != State.CRASHED) {
                lastCrash = Instant.now();
                log.error(
                        "The embedded PostgreSQL (pid {}) on {} died; starting it again",
                        recorded.get(),
                        dataDirectory);
            }
            state = State.CRASHED;
            restart();
        } catch (RuntimeException | IOException e) {
            log.warn("Could not look at the embedded PostgreSQL on {}", dataDirectory, e);
        }
    }

    private Optional<Long> recordedPid() throws IOException {
        var file = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        var lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.getFirst().strip().matches("\\d+")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(lines.getFirst().strip()));
    }

    private void restart() {
        if (pgCtl == null) {
            lastRestartError = "pg_ctl not found: the postmaster was never seen running";
            log.error("Cannot restart the embedded PostgreSQL: {}", lastRestartError);
            return;
        }
        var command = new ArrayList<String>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; as at the first start, give it a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(
                pgCtl.toString(),
                "-D",
                dataDirectory.toString(),
                "-w",
                "-t",
                "120",
                "-l",
                dataDirectory
                        .resolveSibling(dataDirectory.getFileName() + "-restarted.log")
                        .toString(),
                "restart"));
        try {
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDirectory
                            .resolveSibling(dataDirectory.getFileName() + "-pg_ctl.log")
                            .toFile()))
                    .start();
            if (!process.waitFor(150, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                lastRestartError = "pg_ctl restart did not finish";
            } else if (process.exitValue() != 0) {
                // Typically old backends still hold the shared memory: tried again on the next look.
                lastRestartError = "pg_ctl restart exited with " + process.exitValue();
            } else {
                restarts++;
                lastRestartError = null;
                log.info("The embedded PostgreSQL on {} was started again ({} restarts)", dataDirectory, restarts);
                look();
                return;
            }
            log.warn("Restarting the embedded PostgreSQL failed: {}; trying again in {}", lastRestartError, interval);
        } catch (IOException e) {
            lastRestartError = e.getMessage();
            log.warn("Restarting the embedded PostgreSQL failed; trying again in {}", interval, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Health health() {
        var details = new LinkedHashMap<String, Object>();
        details.put("state", state.name());
        details.put("restarts", restarts);
        if (state == State.RUNNING) {
            details.put("pid", pid);
        }
        if (lastCrash != null) {
            details.put("lastCrash", lastCrash.toString());
        }
        if (lastRestartError != null) {
            details.put("lastRestartError", lastRestartError);
        }
        var health = state == State.RUNNING ? Health.up() : Health.down();
        return health.withDetails(details).build();
    }

    State state() {
        return state;
    }

    int restarts() {
        return restarts;
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
