package io.pushmon.system.faults;

import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Answer;
import io.pushmon.system.PushmonApi.Monitor;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Push load at a fixed pace: every monitor pushes once per interval, the monitors spread evenly over it, and each
 * push runs on its own pool thread. Unlike {@link Pusher}, a push the gateway holds (a write waiting for Kafka)
 * delays no other push, so the rate stays what it was while a broker fails. Every push carries a unique {@code msg}
 * and is recorded with when it was sent, when it was answered and how.
 */
final class PacedLoad implements AutoCloseable {

    /**
     * One push: {@code status} is the HTTP status, or {@link #NO_ANSWER} for a refused or reset connection;
     * {@code error} the gateway's message when it refused the push.
     */
    record Attempt(String monitorId, String msg, Instant sent, Instant answered, int status, String error) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    static final int NO_ANSWER = -1;

    private final PushmonApi api;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    // Enough threads for every push of the longest hold (the gateway's 5 s produce timeout) at the paced rate.
    private final ExecutorService pushers = Executors.newFixedThreadPool(256);
    private final Map<String, ScheduledFuture<?>> schedules = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    PacedLoad(PushmonApi api, List<Monitor> monitors, Duration interval) {
        this.api = api;
        long step = interval.toMillis() / Math.max(1, monitors.size());
        for (int i = 0; i < monitors.size(); i++) {
            Monitor monitor = monitors.get(i);
            schedules.put(monitor.id(), pacer.scheduleAtFixedRate(() -> pushers.execute(() -> push(monitor)),
                    i * step, interval.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** The monitor stops pushing, as a job that died; a push already sent still counts. */
    void silence(Monitor monitor) {
        ScheduledFuture<?> schedule = schedules.remove(monitor.id());
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private void push(Monitor monitor) {
        String msg = monitor.id() + "-" + sequence.incrementAndGet();
        Instant sent = Instant.now();
        int status;
        String error = "";
        try {
            Answer answer = api.push(monitor.pushToken(), "msg=" + URLEncoder.encode(msg, StandardCharsets.UTF_8));
            status = answer.status();
            error = answer.body().path("error").asText("");
        } catch (UncheckedIOException e) {
            status = NO_ANSWER;
            error = e.getMessage();
        }
        attempts.add(new Attempt(monitor.id(), msg, sent, Instant.now(), status, error));
    }

    /** Every push answered so far. */
    List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The msgs of the pushes answered 2xx: the ones pushmon promised to keep. */
    List<String> acked() {
        return attempts.stream().filter(Attempt::acknowledged).map(Attempt::msg).toList();
    }

    /** Stops the pace and waits for the pushes in flight, so {@link #attempts()} is final. */
    @Override
    public void close() {
        pacer.shutdownNow();
        try {
            pacer.awaitTermination(5, TimeUnit.SECONDS);
            pushers.shutdown();
            pushers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
