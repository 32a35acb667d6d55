package io.rescind.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test JVM's embedded PostgreSQL, stopped and started again with {@code pg_ctl} on the same
 * data directory, port and options, as an operator would. Found through the running server itself:
 * its data directory, and from its process the binaries it runs from.
 */
public final class DatabaseServer {

    private final Path dataDirectory;
    private final Path pgCtl;

    private DatabaseServer(Path dataDirectory, Path pgCtl) {
        this.dataDirectory = dataDirectory;
        this.pgCtl = pgCtl;
    }

    /** The server {@code jdbc} is connected to, which must run on this machine. */
    public static DatabaseServer of(JdbcClient jdbc) throws IOException {
        var dataDirectory =
                Path.of(jdbc.sql("show data_directory").query(String.class).single());
        var pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .getFirst()
                .strip());
        var postgres = ProcessHandle.of(pid)
                .flatMap(process -> process.info().command())
                .orElseThrow(() -> new IllegalStateException("No PostgreSQL process " + pid));
        return new DatabaseServer(dataDirectory, Path.of(postgres).resolveSibling("pg_ctl"));
    }

    /** Stops the server the way an operator would in a hurry: sessions are ended, data is kept. */
    public void stop() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "fast");
    }

    /**
     * Starts it again with the options of its last start ({@code postmaster.opts}, which {@code
     * restart} reads), so on the same port; its log goes beside the data directory.
     */
    public void start() throws IOException, InterruptedException {
        pgCtl(
                "restart",
                "-l",
                dataDirectory.resolveSibling("restarted-postgres.log").toString());
    }

    private void pgCtl(String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        if ("root".equals(System.getProperty("user.name"))) {
            // pg_ctl refuses to run as root; like the embedded server's own start, run it in a user
            // namespace of its own, where it is not root.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "-D", dataDirectory.toString(), "-w", "-t", "60"));
        command.addAll(List.of(arguments));
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDirectory.resolveSibling("pg_ctl.log").toFile()))
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("pg_ctl " + String.join(" ", arguments) + " failed, see "
                    + dataDirectory.resolveSibling("pg_ctl.log"));
        }
    }
}
