package io.rescind.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop load: each client is a virtual thread that sends one cancel, waits for the answer,
 * and sends the next, so the offered load is exactly what the service completes. Requests started
 * during the warm-up are sent and checked but not measured.
 */
final class LoadGenerator {

    /** The answers of a whole run (warm-up included), by what they told, for the database check. */
    record Counts(long cancelled, long nothingLeft, long decided, long queued, long errors) {

        /** Answers that took something or may have: the successful responses of the report. */
        long succeeded() {
            return cancelled + decided + queued;
        }
    }

    /** What one run saw. */
    record Run(
            Histogram latencyMicros,
            long measuredCompletions,
            double seconds,
            Counts counts,
            long measuredErrors,
            List<String> errorSamples) {

        double throughput() {
            return measuredCompletions / seconds;
        }

        long errors() {
            return counts.errors();
        }
    }

    private LoadGenerator() {}

    static Run run(Target target, Fixture fixture, int clients, Duration warmup, Duration measure) {
        var counts = new AtomicLongArray(Target.Outcome.values().length);
        var measuredErrors = new AtomicLong();
        var samples = new ConcurrentLinkedQueue<String>();
        var histograms = new ArrayList<Histogram>();
        var slice = fixture.sliceOf(target.name());
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        // The client is closed after the executor, which first waits for every client to finish.
        try (var http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                var histogram = new Histogram(60_000_000L, 3);
                histograms.add(histogram);
                executor.submit(() -> {
                    while (true) {
                        long sent = System.nanoTime();
                        if (sent >= end) {
                            return;
                        }
                        var request = target.cancel(fixture, fixture.pick(slice));
                        Target.Outcome outcome;
                        try {
                            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            outcome = target.classify(response.statusCode(), response.body());
                            if (outcome == Target.Outcome.ERROR && samples.size() < 5) {
                                samples.add(response.statusCode() + " " + abbreviate(response.body()));
                            }
                        } catch (Exception e) {
                            outcome = Target.Outcome.ERROR;
                            if (samples.size() < 5) {
                                samples.add(e.toString());
                            }
                            if (e instanceof InterruptedException) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                        long received = System.nanoTime();
                        counts.incrementAndGet(outcome.ordinal());
                        if (sent >= measureFrom) {
                            histogram.recordValue(Math.max(1, (received - sent) / 1_000));
                            if (outcome == Target.Outcome.ERROR) {
                                measuredErrors.incrementAndGet();
                            }
                        }
                    }
                });
            }
        }
        var all = new Histogram(60_000_000L, 3);
        histograms.forEach(all::add);
        return new Run(
                all,
                all.getTotalCount(),
                measure.toNanos() / 1e9,
                new Counts(
                        counts.get(Target.Outcome.CANCELLED.ordinal()),
                        counts.get(Target.Outcome.NOTHING_LEFT.ordinal()),
                        counts.get(Target.Outcome.DECIDED.ordinal()),
                        counts.get(Target.Outcome.QUEUED.ordinal()),
                        counts.get(Target.Outcome.ERROR.ordinal())),
                measuredErrors.get(),
                List.copyOf(samples));
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
