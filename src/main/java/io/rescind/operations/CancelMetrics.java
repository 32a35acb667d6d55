package io.rescind.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rescind.cancellation.CancelOutcome;
import io.rescind.orders.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts what the engine's public commands answered, tagged with the API the call came through.
 * It wraps the engine bean (see {@link OperationsConfiguration}), so the engine needs no hook:
 *
 * <ul>
 *   <li>{@code rescind.cancels{api, outcome}}: applied, refused, pending (awaits the other side),
 *       replayed (an idempotent repeat), busy (the order stayed locked; an action retries) and
 *       error (a bad request or an outage, answered as a problem);
 *   <li>{@code rescind.cancel.refusals{api, reason}}: one per refused line, by the policy's reason;
 *   <li>{@code rescind.cancel.decisions{api, decision}}: pending requests accepted, rejected or
 *       expired;
 *   <li>{@code rescind.cancel.time.to.applied{api, path}}: from the request's arrival to the
 *       applied cancel ({@code direct}), or from the request to its acceptance ({@code approval}).
 * </ul>
 */
final class CancelMetrics implements MethodInterceptor {

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1),
        Duration.ofDays(1), Duration.ofDays(7)
    };

    private final ObjectProvider<MeterRegistry> registry;

    CancelMetrics(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        var method = invocation.getMethod().getName();
        return switch (method) {
            case "cancel", "tryCancel" -> cancel(invocation);
            case "decide", "decideAll", "expireDue" -> decision(invocation);
            default -> invocation.proceed();
        };
    }

    private Object cancel(MethodInvocation invocation) throws Throwable {
        var api = CallingApi.current();
        long started = System.nanoTime();
        Object result;
        try {
            result = invocation.proceed();
        } catch (RuntimeException | Error failed) {
            cancels(api, "error");
            throw failed;
        }
        if (result instanceof Optional<?> tried && tried.isEmpty()) {
            cancels(api, "busy");
            return result;
        }
        var outcome = (CancelOutcome) (result instanceof Optional<?> tried ? tried.get() : result);
        if (outcome.replayed()) {
            cancels(api, "replayed");
            return result;
        }
        switch (outcome) {
            case CancelOutcome.Applied applied -> {
                cancels(api, "applied");
                long sinceArrival = CallingApi.sinceArrival();
                timeToApplied(
                        api,
                        "direct",
                        Duration.ofNanos(sinceArrival >= 0 ? sinceArrival : System.nanoTime() - started));
            }
            case CancelOutcome.Refused refused -> {
                cancels(api, "refused");
                for (var refusal : refused.cancellation().refusals()) {
                    Counter.builder("rescind.cancel.refusals")
                            .description("Lines refused by the cancellation policy, by reason")
                            .tag("api", api)
                            .tag("reason", refusal.reason().slug())
                            .register(meters())
                            .increment();
                }
            }
            case CancelOutcome.Pending pending -> cancels(api, "pending");
        }
        return result;
    }

    private Object decision(MethodInvocation invocation) throws Throwable {
        var api = CallingApi.current();
        var result = invocation.proceed();
        switch (result) {
            case Cancellation decided -> decided(api, decided);
            case List<?> decided -> decided.forEach(each -> decided(api, (Cancellation) each));
            case Integer expired when expired > 0 -> decisions(api, "expired", expired);
            default -> {}
        }
        return result;
    }

    private void decided(String api, Cancellation decided) {
        decisions(api, decided.status().name().toLowerCase(Locale.ROOT), 1);
        if (decided.status() == Cancellation.Status.ACCEPTED && decided.decidedAt() != null) {
            timeToApplied(api, "approval", Duration.between(decided.createdAt(), decided.decidedAt()));
        }
    }

    private void cancels(String api, String outcome) {
        Counter.builder("rescind.cancels")
                .description("Cancel commands by the API they came through and what the engine answered")
                .tag("api", api)
                .tag("outcome", outcome)
                .register(meters())
                .increment();
    }

    private void decisions(String api, String decision, int count) {
        Counter.builder("rescind.cancel.decisions")
                .description("Pending cancel requests decided: accepted, rejected or expired")
                .tag("api", api)
                .tag("decision", decision)
                .register(meters())
                .increment(count);
    }

    private void timeToApplied(String api, String path, Duration elapsed) {
        Timer.builder("rescind.cancel.time.to.applied")
                .description("From the cancel request to the cancel applied: the request itself (direct) or"
                        + " until the other side accepted (approval)")
                .tag("api", api)
                .tag("path", path)
                // Seconds for a direct cancel, up to days for one that waits for approval.
                .serviceLevelObjectives(BUCKETS)
                .register(meters())
                .record(elapsed);
    }

    private MeterRegistry meters() {
        return registry.getObject();
    }
}
