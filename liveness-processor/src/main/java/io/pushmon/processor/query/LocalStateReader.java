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

/**
 * Reads one monitor from the active stores of one partition on this instance. Any of these reads throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} while the partition migrates or restores.
 */
final class LocalStateReader {

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
        try (KeyValueIterator<Bytes, HeartbeatEntry> it = store.range(DetectorStore.historyKey(monitorId, 0),
                DetectorStore.historyKey(monitorId, DetectorStores.HISTORY_SIZE - 1))) {
            it.forEachRemaining(kv -> entries.add(kv.value));
        }
        return entries.stream().sorted(Comparator.comparingLong(HeartbeatEntry::seq).reversed())
                .map(HeartbeatView::of).toList();
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
