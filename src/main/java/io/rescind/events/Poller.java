package io.rescind.events;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one unit of background work at a fixed delay, draining while it finds work. It starts and
 * stops with the application; a failure is logged and tried again on the next tick.
 */
final class Poller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);

    private final String name;
    private final Duration interval;
    private final IntSupplier work;
    private ScheduledExecutorService scheduler;
    private final java.util.concurrent.atomic.AtomicBoolean woken = new java.util.concurrent.atomic.AtomicBoolean();

    Poller(String name, Duration interval, IntSupplier work) {
        this.name = name;
        this.interval = interval;
        this.work = work;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name).daemon(true).factory());
        scheduler.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a tick as soon as the poller's thread is free, without waiting for the interval; wakes
     * that arrive before it runs are one. Does nothing while the poller is stopped.
     */
    synchronized void wake() {
        if (scheduler != null && woken.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                woken.set(false);
                tick();
            });
        }
    }

    private void tick() {
        try {
            // Drains what is there, but yields to the next tick now and then.
            for (int round = 0; round < 100 && work.getAsInt() > 0; round++) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("{} failed; trying again in {}", name, interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    /**
     * Below the web server's phases, so that on shutdown the server stops taking requests and
     * drains before the background work stops (and the database after both).
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
