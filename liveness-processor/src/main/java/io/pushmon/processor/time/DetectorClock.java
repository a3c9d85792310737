package io.pushmon.processor.time;

import java.util.Optional;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The time rule of the detector for one task. "Now" for deadlines is
 * {@code cutoff = min(wall clock, heartbeat time) - margin}, where heartbeat time is the broker time
 * (LogAppendTime) of the latest record read from this task's heartbeats partition. It is tracked here and
 * not taken from the task's stream time because definitions on the monitors topic move stream time too: a
 * definition written while the processor was down would otherwise carry "now" past the unread heartbeats.
 */
public final class DetectorClock {

    /** The key of the task's one entry in its clock store. */
    public static final String KEY = "clock";

    private final KeyValueStore<String, ClockState> store;
    private final long marginMillis;
    private final long gapThresholdMillis;

    public DetectorClock(KeyValueStore<String, ClockState> store, long marginMillis, long gapThresholdMillis) {
        this.store = store;
        this.marginMillis = marginMillis;
        this.gapThresholdMillis = gapThresholdMillis;
    }

    public ClockState read() {
        ClockState state = store.get(KEY);
        return state == null ? ClockState.INITIAL : state;
    }

    /**
     * Moves heartbeat time to the broker time of a record just read. Broker time is monotone per partition
     * in normal operation; an older time (broker clock step, leader change) never moves the clock back.
     *
     * @return the gap before this record when it is longer than the gap threshold
     */
    public Optional<IngestGap> advance(long brokerTime) {
        ClockState state = read();
        Long previous = state.heartbeatTime();
        if (previous != null && brokerTime <= previous) {
            return Optional.empty();
        }
        store.put(KEY, state.withHeartbeatTime(brokerTime));
        if (previous != null && brokerTime - previous > gapThresholdMillis) {
            return Optional.of(new IngestGap(previous, brokerTime));
        }
        return Optional.empty();
    }

    /**
     * The time up to which deadlines may fire, or empty while nothing has been read yet. The margin absorbs
     * broker clock steps and leader changes, the only ways LogAppendTime can go backwards.
     */
    public Optional<Long> cutoff(long wallClock) {
        Long heartbeatTime = read().heartbeatTime();
        if (heartbeatTime == null) {
            return Optional.empty();
        }
        return Optional.of(Math.min(wallClock, heartbeatTime) - marginMillis);
    }

    /** Monitors of this task, empty until counted once. */
    public Optional<Long> monitors() {
        return Optional.ofNullable(read().monitors());
    }

    /** Sets the count, after counting the task's monitors once. */
    public void setMonitors(long count) {
        store.put(KEY, read().withMonitors(count));
    }

    /** A monitor was created (+1) or deleted (-1); nothing while the count is unknown. */
    public void countMonitor(int delta) {
        ClockState state = read();
        if (state.monitors() != null) {
            store.put(KEY, state.withMonitors(Math.max(0, state.monitors() + delta)));
        }
    }
}
