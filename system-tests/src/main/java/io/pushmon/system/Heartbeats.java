package io.pushmon.system;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pushmon.system.PushmonApi.Monitor;

/**
 * Many monitored jobs pushing once per interval, each through the gateway it was given, from a few threads so a
 * thousand monitors fit in one interval. A push that fails (gateway gone, 503) is counted and tried next round, as a
 * cron job would.
 */
public final class Heartbeats implements AutoCloseable {

    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders;
    private final Map<Monitor, PushmonApi> active = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public Heartbeats(Duration interval, int threads) {
        senders = Executors.newFixedThreadPool(threads);
        rounds.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Pushes once now for each, then every interval, through {@code gateway}. */
    public void start(PushmonApi gateway, Collection<Monitor> monitors) {
        monitors.forEach(monitor -> active.put(monitor, gateway));
        await(monitors.stream().map(monitor -> senders.submit(() -> push(gateway, monitor))).toList());
    }

    /** These jobs stop pushing. */
    public void stop(Collection<Monitor> monitors) {
        monitors.forEach(active::remove);
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public long failed() {
        return failed.get();
    }

    private void round() {
        await(active.entrySet().stream().map(e -> senders.submit(() -> push(e.getValue(), e.getKey()))).toList());
    }

    private void push(PushmonApi gateway, Monitor monitor) {
        try {
            if (gateway.push(monitor.pushToken(), "").status() == 200) {
                acknowledged.incrementAndGet();
                return;
            }
        } catch (UncheckedIOException refused) {
            // The gateway is gone; the job tries again next round.
        }
        failed.incrementAndGet();
    }

    private static void await(List<? extends Future<?>> pushes) {
        for (Future<?> push : pushes) {
            try {
                push.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        rounds.shutdownNow();
        senders.shutdownNow();
    }
}
