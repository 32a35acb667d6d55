package io.rescind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Threads that work a queue of rows: each runs {@link #runNext} until the queue is empty, then
 * waits for a wake-up or the poll interval. They start with the application and stop after the web
 * server has drained (its phases are higher), before the database; a unit of work under way
 * finishes (or rolls back) first.
 */
public abstract class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);

    private final String name;
    private final int threadCount;
    private final Duration pollInterval;
    private final boolean autoStartup;
    private final Semaphore wake = new Semaphore(0);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    protected QueueWorker(String name, int threadCount, Duration pollInterval, boolean autoStartup) {
        this.name = name;
        this.threadCount = threadCount;
        this.pollInterval = pollInterval;
        this.autoStartup = autoStartup;
    }

    /** Runs the next unit of work, if there is one; tells whether there was. */
    protected abstract boolean runNext();

    /** Wakes one waiting thread: one new unit of work. */
    protected void wakeOne() {
        if (wake.availablePermits() < threadCount) {
            wake.release();
        }
    }

    /** Wakes every thread: work for all of them. At most one permit per thread waits. */
    protected void wakeAll() {
        int missing = threadCount - wake.availablePermits();
        if (missing > 0) {
            wake.release(missing);
        }
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < threadCount; i++) {
            threads.add(Thread.ofVirtual().name(name + "-" + i).start(this::loop));
        }
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release(threads.size());
        try {
            for (var thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void loop() {
        while (running) {
            try {
                while (running && runNext()) {
                    // Work the queue down before waiting again.
                }
            } catch (RuntimeException e) {
                log.warn("{} could not reach its queue; trying again", name, e);
            }
            try {
                wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
