package io.pushmon.processor.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import io.pushmon.common.model.MonitorEvent;
import io.pushmon.processor.detector.DetectorStore;
import io.pushmon.processor.detector.DetectorStores;
import io.pushmon.processor.detector.HeartbeatEntry;
import io.pushmon.processor.detector.MonitorState;
import io.pushmon.processor.detector.RecentEvents;
import io.pushmon.processor.detector.StoredBody;
import io.pushmon.processor.time.ClockState;
import io.pushmon.processor.time.DetectorClock;

/**
 * Reads monitors from the active stores of one partition on this instance. Any of these reads throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the partition migrates or restores.
 */
final class LocalStateReader {

    private static final Comparator<HeartbeatEntry> NEWEST_FIRST = Comparator.comparingLong(HeartbeatEntry::seq)
            .reversed();

    private final KafkaStreams streams;
    private final int partition;

    LocalStateReader(KafkaStreams streams, int partition) {
        this.streams = streams;
        this.partition = partition;
    }

    Optional<MonitorState> state(String monitorId) {
        ReadOnlyKeyValueStore<String, MonitorState> store = store(DetectorStore.MONITOR_STATE);
        return Optional.ofNullable(store.get(monitorId));
    }

    /** The history ring in push order, newest first. */
    List<HeartbeatView> heartbeats(String monitorId) {
        ReadOnlyKeyValueStore<Bytes, HeartbeatEntry> store = store(DetectorStore.HEARTBEAT_HISTORY);
        List<HeartbeatEntry> entries = new ArrayList<>(DetectorStores.HISTORY_SIZE);
        scan(store, monitorId, 0, DetectorStores.HISTORY_SIZE - 1, entries);
        return entries.stream().sorted(NEWEST_FIRST).map(HeartbeatView::of).toList();
    }

    /**
     * The monitor's last {@code count} signals (fewer if it has not sent as many), newest first. The state's count of
     * signals tells which slots of the ring hold them, so only those are scanned, in two ranges when they wrap round
     * the ring's end: a sparkline of 20 reads 20 entries, not the 100 of the ring.
     */
    List<HeartbeatEntry> latest(MonitorState state, int count) {
        long signals = state.heartbeatCount();
        int wanted = (int) Math.min(Math.min(count, signals), DetectorStores.HISTORY_SIZE);
        if (wanted <= 0) {
            return List.of();
        }
        long oldest = signals - wanted;
        int first = (int) (oldest % DetectorStores.HISTORY_SIZE);
        int last = (int) ((signals - 1) % DetectorStores.HISTORY_SIZE);
        ReadOnlyKeyValueStore<Bytes, HeartbeatEntry> store = store(DetectorStore.HEARTBEAT_HISTORY);
        List<HeartbeatEntry> entries = new ArrayList<>(wanted);
        if (first <= last) {
            scan(store, state.monitorId(), first, last, entries);
        } else {
            scan(store, state.monitorId(), first, DetectorStores.HISTORY_SIZE - 1, entries);
            scan(store, state.monitorId(), 0, last, entries);
        }
        // The state is written just before its newest signal, so a read in between finds a lap-older signal in that
        // slot: only the signals the state counts belong to the answer.
        return entries.stream().filter(entry -> entry.seq() >= oldest && entry.seq() < signals).sorted(NEWEST_FIRST)
                .toList();
    }

    private static void scan(ReadOnlyKeyValueStore<Bytes, HeartbeatEntry> store, String monitorId, int firstSlot,
            int lastSlot, List<HeartbeatEntry> into) {
        try (KeyValueIterator<Bytes, HeartbeatEntry> it = store.range(DetectorStore.historyKey(monitorId, firstSlot),
                DetectorStore.historyKey(monitorId, lastSlot))) {
            it.forEachRemaining(kv -> into.add(kv.value));
        }
    }

    /** The body posted with signal {@code seq}, while it is one of the last kept. */
    Optional<byte[]> body(String monitorId, long seq) {
        if (seq < 0) {
            return Optional.empty();
        }
        ReadOnlyKeyValueStore<Bytes, byte[]> store = store(DetectorStore.HEARTBEAT_BODIES);
        int slot = (int) (seq % DetectorStores.BODIES_KEPT);
        return StoredBody.bodyOf(store.get(DetectorStore.historyKey(monitorId, slot)), seq);
    }

    /** Broker time of the latest record read from the partition's heartbeats; empty before the first. */
    Optional<Long> heartbeatTime() {
        ReadOnlyKeyValueStore<String, ClockState> store = store(DetectorStore.DETECTOR_CLOCK);
        return Optional.ofNullable(store.get(DetectorClock.KEY)).map(ClockState::heartbeatTime);
    }

    List<MonitorEvent> events(String monitorId) {
        ReadOnlyKeyValueStore<String, RecentEvents> store = store(DetectorStore.RECENT_EVENTS);
        RecentEvents recent = store.get(monitorId);
        return recent == null ? List.of() : recent.events();
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(DetectorStore store) {
        return streams.store(StoreQueryParameters
                .fromNameAndType(store.storeName(), QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(partition));
    }
}
