package io.pushmon.processor.detector;

import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.processor.time.ClockState;
import io.pushmon.processor.time.DetectorClock;

/**
 * The detector's stores of one task behind the operations the processors need, keeping the state, the
 * deadline index and the clock's earliest-deadline bound consistent with each other.
 */
public final class DetectorStores {

    private static final Logger LOG = Logger.getLogger(DetectorStores.class);

    /** Signals kept per monitor. */
    public static final int HISTORY_SIZE = 100;
    /**
     * Bodies kept per monitor: those of its last 20 signals. With the gateway's body limit (10,000 bytes by default)
     * that bounds a monitor's output at 200 kB here, however often it posts.
     */
    public static final int BODIES_KEPT = 20;

    private final KeyValueStore<String, MonitorState> states;
    private final KeyValueStore<Bytes, HeartbeatEntry> history;
    private final KeyValueStore<Bytes, byte[]> bodies;
    private final KeyValueStore<String, RecentEvents> events;
    private final DetectorClock clock;
    private final DeadlineIndex index;

    public DetectorStores(ProcessingContext context, DetectorSettings settings) {
        this.states = context.getStateStore(DetectorStore.MONITOR_STATE.storeName());
        this.history = context.getStateStore(DetectorStore.HEARTBEAT_HISTORY.storeName());
        this.bodies = context.getStateStore(DetectorStore.HEARTBEAT_BODIES.storeName());
        this.events = context.getStateStore(DetectorStore.RECENT_EVENTS.storeName());
        KeyValueStore<String, ClockState> clockStore = context.getStateStore(DetectorStore.DETECTOR_CLOCK.storeName());
        this.clock = new DetectorClock(clockStore, settings.margin().toMillis(), settings.gapThreshold().toMillis());
        this.index = context.getStateStore(DetectorStore.DEADLINE_INDEX.storeName());
        if (index.claimRebuild()) {
            rebuild(context);
        }
    }

    /**
     * Fills the index from the states. Processors are initialised after the task's stores are restored, so the
     * states are complete here, and before the task reads a record or punctuates, so nothing misses an entry.
     */
    private void rebuild(ProcessingContext context) {
        long started = System.nanoTime();
        try (KeyValueIterator<String, MonitorState> it = states.all()) {
            while (it.hasNext()) {
                MonitorState state = it.next().value;
                if (state.deadline() != null) {
                    index.add(state.deadline(), state.monitorId());
                }
            }
        }
        LOG.infof("Task %s: deadline index rebuilt from the monitor states, %d entries in %d ms", context.taskId(),
                index.size(), (System.nanoTime() - started) / 1_000_000);
    }

    public DetectorClock clock() {
        return clock;
    }

    public DeadlineIndex index() {
        return index;
    }

    /**
     * Monitors this task holds, exact. Counted by a scan the first time (state from before the count was kept), then
     * kept by {@link #save} and {@link #delete}.
     */
    public long monitorCount() {
        Optional<Long> known = clock.monitors();
        if (known.isPresent()) {
            return known.get();
        }
        long count = 0;
        try (KeyValueIterator<String, MonitorState> it = states.all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        clock.setMonitors(count);
        return count;
    }

    public MonitorState state(String monitorId) {
        return states.get(monitorId);
    }

    /** Stores the monitor's next state and moves its index entry when the deadline changed. */
    public void save(MonitorState before, MonitorState after) {
        states.put(after.monitorId(), after);
        if (before == null) {
            clock.countMonitor(1);
        }
        Long oldDeadline = before == null ? null : before.deadline();
        if (!Objects.equals(oldDeadline, after.deadline())) {
            if (oldDeadline != null) {
                index.remove(oldDeadline, after.monitorId());
            }
            if (after.deadline() != null) {
                index.add(after.deadline(), after.monitorId());
            }
        }
    }

    /** Removes everything the detector holds about a deleted monitor. */
    public void delete(MonitorState state) {
        states.delete(state.monitorId());
        clock.countMonitor(-1);
        if (state.deadline() != null) {
            index.remove(state.deadline(), state.monitorId());
        }
        long slots = Math.min(state.heartbeatCount(), HISTORY_SIZE);
        for (int slot = 0; slot < slots; slot++) {
            history.delete(DetectorStore.historyKey(state.monitorId(), slot));
        }
        long bodySlots = Math.min(state.heartbeatCount(), BODIES_KEPT);
        for (int slot = 0; slot < bodySlots; slot++) {
            bodies.delete(DetectorStore.historyKey(state.monitorId(), slot));
        }
        events.delete(state.monitorId());
    }

    /**
     * Writes the signal into its ring slot: one small write per push, however long the history is, instead
     * of rewriting a list of a hundred entries every time. A body takes a second write into its own ring; a push
     * without one writes nothing there, so an older body may stay in its slot until overwritten, which the reader
     * tells apart by its sequence number.
     */
    public void recordPush(MonitorState after, Heartbeat push, long at, Long runDurationMillis) {
        long seq = after.heartbeatCount() - 1;
        int slot = (int) (seq % HISTORY_SIZE);
        history.put(DetectorStore.historyKey(after.monitorId(), slot), new HeartbeatEntry(seq, at, push.status(),
                push.msg(), push.value(), push.exitStatus(), push.rid(), runDurationMillis, push.bodySize()));
        if (push.body() != null) {
            bodies.put(DetectorStore.historyKey(after.monitorId(), (int) (seq % BODIES_KEPT)),
                    StoredBody.encode(seq, push.body()));
        }
    }

    public void recordEvent(MonitorEvent event) {
        RecentEvents recent = events.get(event.monitorId());
        events.put(event.monitorId(), (recent == null ? new RecentEvents(null) : recent).with(event));
    }
}
