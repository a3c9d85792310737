package io.pushmon.system.faults;

import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Monitor;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs run by cron on {@link #SCHEDULE}: each reports once per run, a second after the minute starts, as a job that
 * takes a moment would. A report that gets no 200 is retried every 500 ms until the next run begins, as
 * {@code curl --retry-connrefused} would, and is then given up. Every report carries a unique {@code msg}; those
 * answered 200 are the ones pushmon promised to keep.
 */
final class CronJobs implements AutoCloseable {

    /** Every minute: the finest schedule cron has, so the shortest scenario. */
    static final String SCHEDULE = "* * * * *";

    private static final Duration RUN_TIME = Duration.ofSeconds(1);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final PushmonApi api;
    // A run schedules the next one; once closed, that is dropped rather than run or refused with an exception.
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
            new ThreadPoolExecutor.DiscardPolicy());
    private final Set<Monitor> active = ConcurrentHashMap.newKeySet();
    private final List<String> acked = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    CronJobs(PushmonApi api) {
        this.api = api;
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        schedule(nextRun(Instant.now().minus(RUN_TIME)));
    }

    /** The first run of {@link #SCHEDULE} strictly after {@code time} (UTC, which every scenario's monitor uses). */
    static Instant nextRun(Instant time) {
        return time.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    /** Reports each run of these monitors' jobs from the next run on. */
    void add(Monitor... monitors) {
        active.addAll(List.of(monitors));
    }

    /** Reports once now, outside the runs; true if answered 200. */
    boolean reportNow(Monitor monitor) {
        String msg = monitor.id() + "-" + sequence.incrementAndGet();
        try {
            if (api.push(monitor.pushToken(), "msg=" + URLEncoder.encode(msg, StandardCharsets.UTF_8))
                    .status() != 200) {
                return false;
            }
        } catch (UncheckedIOException refused) {
            return false;
        }
        acked.add(msg);
        return true;
    }

    private void schedule(Instant run) {
        long delay = Duration.between(Instant.now(), run.plus(RUN_TIME)).toMillis();
        scheduler.schedule(() -> run(run), Math.max(0, delay), TimeUnit.MILLISECONDS);
    }

    private void run(Instant run) {
        Instant next = run.plus(1, ChronoUnit.MINUTES);
        Set<Monitor> unreported = new HashSet<>(active);
        while (!scheduler.isShutdown() && Instant.now().isBefore(next)) {
            unreported.removeIf(this::reportNow);
            if (unreported.isEmpty()) {
                break;
            }
            FaultRig.sleep(RETRY);
        }
        schedule(next);
    }

    /** The msgs of every report answered 200. */
    List<String> acked() {
        return List.copyOf(acked);
    }

    /** Stops the runs and waits for the one in progress, so {@link #acked()} is final. */
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
