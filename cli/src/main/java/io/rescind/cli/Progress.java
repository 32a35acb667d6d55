package io.rescind.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A bulk job's progress as it is polled: on a terminal, one bar redrawn in place; elsewhere (a pipe,
 * a file, a CI log), a plain line each time the counts change.
 */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean bar;
    private final long startedNanos;
    private final int doneAtStart;
    private String lastCounts = "";

    Progress(PrintWriter out, boolean bar, long startedNanos, int doneAtStart) {
        this.out = out;
        this.bar = bar;
        this.startedNanos = startedNanos;
        this.doneAtStart = doneAtStart;
    }

    /** Whether this process writes to a terminal (JDK 22+ tells directly; 21 has no console otherwise). */
    static boolean onTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    void show(JsonNode job, long nowNanos) {
        var p = job.path("progress");
        int total = p.path("total").asInt();
        int done = p.path("done").asInt();
        var elapsed = Duration.ofNanos(nowNanos - startedNanos);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = (done - doneAtStart) / seconds;
        var eta = rate > 0 && done < total ? format(Duration.ofSeconds((long) Math.ceil((total - done) / rate))) : "-";
        var counts = String.format(
                Locale.ROOT,
                "%d/%d orders  applied %d  refused %d  pending approval %d%s  %.1f orders/s  ETA %s",
                done,
                total,
                p.path("applied").asInt(),
                p.path("refused").asInt(),
                p.path("pendingApproval").asInt(),
                p.path("failed").asInt() + p.path("skipped").asInt() > 0
                        ? "  failed %d  skipped %d"
                                .formatted(
                                        p.path("failed").asInt(),
                                        p.path("skipped").asInt())
                        : "",
                rate,
                eta);
        if (bar) {
            int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
            int percent = total == 0 ? 100 : (int) (100L * done / total);
            // Carriage return and erase-line: the bar is redrawn where it stands.
            out.print(
                    "\r\u001b[2K[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + percent + "%  " + counts);
            out.flush();
        } else {
            // A new line only when an order moved: the rate and ETA alone do not make one.
            var moved = "%d %d %d %d %d %d"
                    .formatted(
                            done,
                            p.path("applied").asInt(),
                            p.path("refused").asInt(),
                            p.path("pendingApproval").asInt(),
                            p.path("failed").asInt(),
                            p.path("skipped").asInt());
            if (!moved.equals(lastCounts)) {
                out.println("progress: " + counts);
                out.flush();
            }
            lastCounts = moved;
        }
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    void finish() {
        if (bar) {
            out.println();
            out.flush();
        }
    }

    static String format(Duration duration) {
        long s = duration.toSeconds();
        return s >= 3600
                ? "%d:%02d:%02d".formatted(s / 3600, (s % 3600) / 60, s % 60)
                : "%d:%02d".formatted(s / 60, s % 60);
    }
}
