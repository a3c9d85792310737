package io.pushmon.processor.policy;

import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.pushmon.common.model.DetectorPulse;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.processor.detector.DetectorSettings;
import io.pushmon.processor.detector.DetectorStores;

/**
 * Counts, in a detector task, the pushes it reads and the downs it declares per second of broker time, and reports
 * them on {@code detector-pulse} for the storm guard. Broker time, not the wall clock: a task catching up on a
 * backlog after a stall reads many seconds of pushes in one, which counted by the wall clock would look like ingest
 * coming back in the middle of an outage. It is a child of both the heartbeats source (pushes) and the
 * detector (events), so it sees both without the detector knowing it exists.
 *
 * <p>The counts are kept in memory: after a restart or a move the baseline is rebuilt, and for its first
 * {@link #MIN_BASELINE_SECONDS} the task reports none, which the guard reads as "no storm". Erring that way keeps the guard
 * from holding real outages on a partial picture.
 */
public final class PulseProcessor implements Processor<String, Object, String, DetectorPulse> {

    /** The ingest rate "now" is the mean over this many whole seconds. */
    static final int RECENT_SECONDS = 10;
    /** The baseline is the mean over up to this many seconds before those. */
    static final int BASELINE_SECONDS = 120;
    /** Fewer seconds than this seen since the task started make no baseline. */
    static final int MIN_BASELINE_SECONDS = 30;
    private static final int SLOTS = 256;

    private final PolicySettings.Storm settings;
    private final DetectorSettings detector;
    private final long[] pushes = new long[SLOTS];
    private final long[] downs = new long[SLOTS];
    private final long[] slotSecond = new long[SLOTS];
    private ProcessorContext<String, DetectorPulse> context;
    private DetectorStores stores;
    private int partition;
    /** The first broker-time second this task counted in; -1 before its first record. */
    private long startedSecond = -1;
    /** The latest broker-time second seen (pushes, ticks, events). */
    private long latestSecond = -1;

    public PulseProcessor(PolicySettings.Storm settings, DetectorSettings detector) {
        this.settings = settings;
        this.detector = detector;
    }

    @Override
    public void init(ProcessorContext<String, DetectorPulse> processorContext) {
        context = processorContext;
        stores = new DetectorStores(context, detector);
        partition = context.taskId().partition();
        Arrays.fill(slotSecond, -1);
        context.schedule(settings.pulseInterval(), PunctuationType.WALL_CLOCK_TIME, this::report);
    }

    @Override
    public void process(Record<String, Object> record) {
        long second = record.timestamp() / 1000;
        if (startedSecond < 0) {
            startedSecond = second;
        }
        if (second <= latestSecond - SLOTS) {
            // Older than any window (a replayed event, say); counting it would wipe a newer second's slot.
            return;
        }
        latestSecond = Math.max(latestSecond, second);
        int slot = slot(second);
        if (record.value() instanceof Heartbeat heartbeat) {
            if (!heartbeat.isTick() && !Heartbeat.TICK_KEY.equals(record.key())) {
                pushes[slot]++;
            }
        } else if (record.value() instanceof MonitorEvent event && event.to() == MonitorStatus.DOWN) {
            downs[slot]++;
        }
    }

    private void report(long now) {
        if (latestSecond < 0) {
            return;
        }
        // The current second is still being counted, so the windows end before it.
        long second = latestSecond;
        double recent = sum(pushes, second - RECENT_SECONDS, second - 1) / (double) RECENT_SECONDS;
        // The second the task started in was only partly counted, so it is not part of the baseline.
        long seen = Math.min(BASELINE_SECONDS, second - RECENT_SECONDS - startedSecond - 1);
        double baseline = seen >= MIN_BASELINE_SECONDS
                ? sum(pushes, second - RECENT_SECONDS - seen, second - RECENT_SECONDS - 1) / (double) seen : 0;
        long recentDowns = sum(downs, second - 59, second);
        context.forward(new Record<>("p" + partition, new DetectorPulse(partition, Instant.ofEpochMilli(now),
                stores.monitorCount(), recentDowns, recent, baseline), now));
    }

    /** The slot of a second, emptied first when it still holds an older second's counts. */
    private int slot(long second) {
        int slot = (int) Math.floorMod(second, (long) SLOTS);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            pushes[slot] = 0;
            downs[slot] = 0;
        }
        return slot;
    }

    private long sum(long[] counts, long fromSecond, long toSecond) {
        long total = 0;
        for (long s = Math.max(fromSecond, toSecond - SLOTS + 1); s <= toSecond; s++) {
            int slot = (int) Math.floorMod(s, (long) SLOTS);
            if (slotSecond[slot] == s) {
                total += counts[slot];
            }
        }
        return total;
    }
}
