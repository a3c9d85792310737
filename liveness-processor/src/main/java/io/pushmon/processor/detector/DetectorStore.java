package io.pushmon.processor.detector;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import io.pushmon.common.serde.JsonSerde;
import io.pushmon.processor.time.ClockState;

/**
 * Every state store of the detector: the one place their names and serdes are defined, for the topology,
 * the processors, interactive queries and tests alike.
 *
 * <p>The values read or written on every heartbeat (state, history, clock) are a compact binary encoding behind a
 * format byte ({@link StateSerde}; the layouts are in {@link MonitorStateCodec}, {@link HeartbeatEntryCodec} and
 * {@link ClockStateCodec}); the JSON that releases before it wrote is still read. The recent events, written only on
 * a status change, stay JSON.
 */
public enum DetectorStore {
    /** Monitor id → {@link MonitorState}: the hot per-monitor state. */
    MONITOR_STATE("monitor-state", Serdes.String(), new MonitorStateCodec(), false),
    /** Pending deadlines in firing order: on the heap, rebuilt from the states ({@link DeadlineIndex}). */
    DEADLINE_INDEX("deadline-index"),
    /** {@code monitor id ‖ 0x00 ‖ slot (2 bytes)} → {@link HeartbeatEntry}: a ring of the last pushes. */
    HEARTBEAT_HISTORY("heartbeat-history", Serdes.Bytes(), new HeartbeatEntryCodec(), false),
    /**
     * {@code monitor id ‖ 0x00 ‖ slot (2 bytes)} → {@code seq (8 bytes) ‖ body}: the bodies of the last
     * {@link DetectorStores#BODIES_KEPT} signals, apart from the history so that reading a history reads no output.
     */
    HEARTBEAT_BODIES("heartbeat-bodies", Serdes.Bytes(), Serdes.ByteArray(), false),
    /** Monitor id → {@link RecentEvents}. */
    RECENT_EVENTS("recent-events", Serdes.String(), new JsonSerde<>(RecentEvents.class), false),
    /** One entry per task: its heartbeat time and its monitor count ({@link ClockState}). */
    DETECTOR_CLOCK("detector-clock", Serdes.String(), new ClockStateCodec(), true);

    private final String storeName;
    private final Serde<?> keySerde;
    private final Serde<?> valueSerde;
    private final boolean cached;

    DetectorStore(String storeName, Serde<?> keySerde, Serde<?> valueSerde, boolean cached) {
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.cached = cached;
    }

    /** A store derived from the others, with no serdes and no changelog of its own. */
    DetectorStore(String storeName) {
        this(storeName, null, (Serde<?>) null, false);
    }

    DetectorStore(String storeName, Serde<?> keySerde, StateCodec<?> valueCodec, boolean cached) {
        this(storeName, keySerde, new StateSerde<>(storeName, valueCodec), cached);
    }

    public String storeName() {
        return storeName;
    }

    /** The serde of the store's values, as the topology builds the store with it. */
    public Serde<?> valueSerde() {
        return valueSerde;
    }

    /** Where a store keeps its data; both kinds are changelogged (the index aside), so both are restored after a crash. */
    public enum Kind {
        /** RocksDB on local disk: what the processor runs with, so state may outgrow memory. */
        PERSISTENT,
        /**
         * On the heap and uncached: for topology tests, where the driver commits after every record and
         * RocksDB flushes and cache flushes on each commit would dominate the run time.
         */
        IN_MEMORY
    }

    /**
     * A changelogged key-value store, restored in step with the committed offsets; the deadline index, which is
     * neither, is the exception ({@link DeadlineIndex}).
     *
     * <p>Only the clock goes through Kafka Streams' record cache: every heartbeat rewrites its one key, and the
     * cache turns those writes into one changelog record per commit. The other stores' keys are nearly all distinct
     * within a commit interval (a monitor pushes once a minute, not ten times a second), so a cache saves them no
     * write and costs a sorted-map insert, an eviction and a copy per write: measured with {@code ./pushmon-bench
     * processor}, it was a third of the stream thread's time.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public StoreBuilder<?> builder(Kind kind) {
        if (this == DEADLINE_INDEX) {
            return DeadlineIndex.builder(storeName);
        }
        if (kind == Kind.IN_MEMORY) {
            return (StoreBuilder) Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName),
                    (Serde) keySerde, (Serde) valueSerde);
        }
        StoreBuilder builder = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName),
                (Serde) keySerde, (Serde) valueSerde);
        return cached ? builder.withCachingEnabled() : builder;
    }

    /** Key of the history ring slot. Monitor ids never contain NUL, so one id's slots are contiguous. */
    public static Bytes historyKey(String monitorId, int slot) {
        byte[] id = monitorId.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] key = new byte[id.length + 3];
        System.arraycopy(id, 0, key, 0, id.length);
        key[id.length + 1] = (byte) (slot >>> 8);
        key[id.length + 2] = (byte) slot;
        return Bytes.wrap(key);
    }
}
