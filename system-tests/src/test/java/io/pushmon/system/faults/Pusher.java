package io.pushmon.system.faults;

import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Monitor;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Monitored jobs that keep pushing in the background, once per interval each, whatever the system is going
 * through: a refused connection or a 503 is counted and the job simply tries again next round, as a cron job
 * would. Every push carries a unique {@code msg}; those answered 200 are the ones pushmon promised to keep.
 */
final class Pusher implements AutoCloseable {

    private final PushmonApi api;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Set<Monitor> active = ConcurrentHashMap.newKeySet();
    private final List<String> acked = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    Pusher(PushmonApi api, Duration interval) {
        this.api = api;
        scheduler.scheduleWithFixedDelay(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts pushing for these monitors (from the next round). */
    void add(Monitor... monitors) {
        active.addAll(List.of(monitors));
    }

    /** Stops pushing for this monitor, as a job that died. */
    void remove(Monitor monitor) {
        active.remove(monitor);
    }

    /** Pushes once now, outside the rounds; true if answered 200. */
    boolean pushOnce(Monitor monitor) {
        String msg = monitor.id() + "-" + sequence.incrementAndGet();
        int status;
        try {
            status = api.push(monitor.pushToken(), "msg=" + URLEncoder.encode(msg, StandardCharsets.UTF_8))
                    .status();
        } catch (UncheckedIOException e) {
            refused.incrementAndGet();
            return false;
        }
        answers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
        if (status == 200) {
            acked.add(msg);
            return true;
        }
        return false;
    }

    private void round() {
        active.forEach(this::pushOnce);
    }

    /** The msgs of every push answered 200. */
    List<String> acked() {
        return List.copyOf(acked);
    }

    /** How many pushes got this HTTP status. */
    long answered(int status) {
        AtomicLong count = answers.get(status);
        return count == null ? 0 : count.get();
    }

    /** Pushes that got no HTTP answer at all (connection refused or reset). */
    long refused() {
        return refused.get();
    }

    /** Stops the rounds and waits for the one in progress, so {@link #acked()} is final. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
