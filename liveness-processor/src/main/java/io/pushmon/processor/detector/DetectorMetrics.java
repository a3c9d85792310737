package io.pushmon.processor.detector;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.pushmon.common.model.EventReason;

/**
 * The detector's meters. Stream threads write plain counters and per-partition heartbeat times; gauges
 * compute "blind" (wall clock minus heartbeat time) when scraped, so a partition whose ticks stopped shows
 * a growing value even though nothing is processed for it.
 */
public final class DetectorMetrics {

    private final MeterRegistry registry;
    private final Clock wallClock;
    private final Map<Integer, AtomicLong> heartbeatTimes = new ConcurrentHashMap<>();
    private final Map<Integer, TimeGauge> blindGauges = new ConcurrentHashMap<>();
    private final DistributionSummary dueEntries;
    private final Counter entriesTouched;
    private final Timer punctuationDuration;
    private final Timer fireDelay;
    private final Counter evaluationFailures;
    private final Map<EventReason, Counter> eventsByReason = new ConcurrentHashMap<>();

    public DetectorMetrics(MeterRegistry registry, Clock wallClock) {
        this.registry = registry;
        this.wallClock = wallClock;
        this.dueEntries = DistributionSummary.builder("pushmon.detector.due.entries")
                .description("Due deadline-index entries acted on per punctuation").register(registry);
        this.entriesTouched = Counter.builder("pushmon.detector.index.entries.touched")
                .description("Deadline-index entries read by punctuations, peeks included").register(registry);
        this.punctuationDuration = Timer.builder("pushmon.detector.punctuation.duration")
                .description("Time spent in one deadline punctuation").register(registry);
        // A histogram, not client-side percentiles: it can be summed over instances and read over any window.
        this.fireDelay = Timer.builder("pushmon.detector.fire.delay")
                .description("From a deadline to the punctuation that emitted its status change; the commit"
                        + " that makes the event visible comes after")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
        this.evaluationFailures = Counter.builder("pushmon.detector.evaluation.failures")
                .description("Monitors whose deadline could not be evaluated and was pushed forward")
                .register(registry);
        for (EventReason reason : EventReason.values()) {
            eventsByReason.put(reason, Counter.builder("pushmon.detector.events")
                    .description("Status changes emitted").tag("reason", reason.wireName()).register(registry));
        }
    }

    /** Starts reporting "detector blind" for a partition this instance now processes. */
    public void trackPartition(int partition) {
        AtomicLong time = heartbeatTimes.computeIfAbsent(partition, p -> new AtomicLong(Long.MIN_VALUE));
        blindGauges.computeIfAbsent(partition, p -> TimeGauge.builder("pushmon.detector.blind", time,
                TimeUnit.MILLISECONDS, t -> t.get() == Long.MIN_VALUE ? Double.NaN : wallClock.millis() - t.get())
                .description("Wall clock minus the broker time of the latest heartbeat or tick read")
                .tag("partition", String.valueOf(partition)).register(registry));
    }

    /** Stops reporting a partition that moved to another instance. */
    public void untrackPartition(int partition) {
        heartbeatTimes.remove(partition);
        TimeGauge gauge = blindGauges.remove(partition);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    public void heartbeatTime(int partition, long time) {
        AtomicLong tracked = heartbeatTimes.get(partition);
        if (tracked != null) {
            tracked.set(time);
        }
    }

    public void punctuated(int dueCount, int touched, long nanos) {
        dueEntries.record(dueCount);
        entriesTouched.increment(touched);
        punctuationDuration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A deadline emitted a status change {@code delayMillis} after it passed. */
    public void fired(long delayMillis) {
        fireDelay.record(Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    }

    public void evaluationFailed() {
        evaluationFailures.increment();
    }

    public void emitted(EventReason reason) {
        eventsByReason.get(reason).increment();
    }

    /** Index entries read by all punctuations so far. */
    public long indexEntriesTouched() {
        return (long) entriesTouched.count();
    }

    public long evaluationFailures() {
        return (long) evaluationFailures.count();
    }

    public long eventsEmitted(EventReason reason) {
        return (long) eventsByReason.get(reason).count();
    }
}
