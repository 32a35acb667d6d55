package io.rescind.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar run as an operator runs it: {@code java -jar}, in a session (process group) of
 * its own like a program started from a terminal, its output in a log file. Signals go to the
 * whole group, as Ctrl-C in a terminal does, or to the JVM alone, as a supervisor's SIGTERM does.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar named by the system property {@code app.jar} with these arguments. */
    public static ServiceProcess start(Path log, List<String> arguments) throws IOException {
        var jar = System.getProperty("app.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("No packaged jar at app.jar=" + jar + " (run through ./mvnw verify)");
        }
        int port = freePort();
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = new ArrayList<>(List.of("setsid", java, "-jar", jar, "--server.port=" + port));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(process, log, port);
    }

    public int port() {
        return port;
    }

    /** Waits until health is UP, failing early if the process died. */
    public ServiceProcess awaitUp() {
        var api = new Api(port);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "The service exited with " + process.exitValue() + "; see " + log);
                    }
                    try {
                        return api.get("/actuator/health", null).status() == 200;
                    } catch (RuntimeException notListeningYet) {
                        return false;
                    }
                });
        return this;
    }

    /** Ctrl-C in its terminal: SIGINT to every process of its group. */
    public void interruptGroup() throws IOException, InterruptedException {
        kill("-INT", "--", "-" + process.pid());
    }

    /** What a supervisor (systemd, Kubernetes, Docker) sends: SIGTERM to the JVM. */
    public void terminate() throws IOException, InterruptedException {
        kill("-TERM", String.valueOf(process.pid()));
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("The service did not stop within two minutes; see " + log);
        }
        return process.exitValue();
    }

    public List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    private static void kill(String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of("kill"));
        command.addAll(List.of(arguments));
        var kill = new ProcessBuilder(command).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + String.join(" ", arguments) + " failed");
        }
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
