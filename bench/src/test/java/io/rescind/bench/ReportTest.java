package io.rescind.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @TempDir
    Path results;

    @Test
    void judgesTheIssueTargetsFromTheMeasuredRows() throws IOException {
        Files.writeString(results.resolve("meta.properties"), """
                warmup=5
                duration=15
                lines-per-order=10
                hot-orders=10
                hot-percent=10
                postgres=PostgreSQL 17.7
                """);
        Files.writeString(
                results.resolve("results.tsv"),
                Bench.Row.HEADER + "\n"
                        + row(1_000_000, "pgbench", 32, 1000, 20_000, 40_000, -1, "ok")
                        + row(1_000_000, "canonical", 32, 700, 30_000, 90_000, 200L << 20, "ok")
                        + row(1_000_000, "hlconnect", 32, 500, 30_000, 200_000, 300L << 20, "ok"));

        Report.write(results, Options.parse(new String[] {"--profile", "test"}, 0));

        var report = Files.readString(results.resolve("report.md"));
        assertThat(report)
                .contains("| canonical ≥ 60% of pgbench at 32 clients | 70% (700 vs 1,000 per s) | met |")
                .contains("| canonical p99 ≤ 5 × p50 at 32 clients | 3.0× (p50 30.00 ms, p99 90.00 ms) | met |")
                .contains("| hlconnect within 20% of canonical at 32 clients | 71% | **not met** |")
                .contains("| service heap < 512 MiB during the runs | 300 MiB | met |")
                .contains("| canonical | 32 | 700 | 70% |");
        assertThat(results.resolve("chart.png")).isNotEmptyFile();
    }

    @Test
    void aFailedTotalsCheckFailsTheVerdict() throws IOException {
        Files.writeString(results.resolve("meta.properties"), "warmup=1\nduration=1\n");
        Files.writeString(
                results.resolve("results.tsv"),
                Bench.Row.HEADER + "\n"
                        + row(10_000, "canonical", 1, 50, 10_000, 20_000, 100L << 20, "expected 5 units, moved 4"));

        Report.write(results, Options.parse(new String[0], 0));

        assertThat(Files.readString(results.resolve("report.md")))
                .contains(
                        "| database totals = successful responses, after every run | 1 runs disagree | **not met** |");
    }

    private static String row(
            long lines, String kind, int clients, double throughput, long p50, long p99, long heap, String check) {
        return new Bench.Row(lines, kind, clients, throughput, p50, p50, p99, p99, 100, 0, 0, heap, heap, check).tsv()
                + "\n";
    }
}
