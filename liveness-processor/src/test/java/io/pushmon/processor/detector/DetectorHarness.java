package io.pushmon.processor.detector;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.schedule.Schedules;
import io.pushmon.common.topics.Topic;
import io.pushmon.processor.policy.PolicyMetrics;
import io.pushmon.processor.policy.PolicySettings;
import io.pushmon.processor.topology.DetectorTopology;
import io.pushmon.processor.topology.DriverStateDir;
import io.pushmon.processor.topology.StreamsSettings;

/**
 * The detector topology in a {@link TopologyTestDriver} with the production Streams settings, driven by
 * records with explicit broker timestamps and a wall clock the test moves. Times are seconds after
 * {@link #T0}, the wall clock's start. Stores are in memory: the driver commits after every record and a
 * RocksDB flush per commit would make these tests minutes long without testing anything more.
 */
final class DetectorHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final DetectorMetrics metrics = new DetectorMetrics(registry, Clock.systemUTC());
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MonitorDefinition> monitors;
    private final TestInputTopic<String, Heartbeat> heartbeats;
    private final TestOutputTopic<String, MonitorEvent> events;
    private final TestInputTopic<String, byte[]> rawHeartbeats;
    private final TestInputTopic<String, byte[]> rawMonitors;
    private Instant wall = T0;

    DetectorHarness() {
        this(DetectorSettings.defaults());
    }

    DetectorHarness(DetectorSettings settings) {
        stateDir = DriverStateDir.create("detector-ttd");
        StreamsSettings streams = StreamsSettings.local("detector-test", "unused:9092", stateDir, "127.0.0.1:8081",
                100, 10_000);
        driver = new TopologyTestDriver(DetectorTopology.build(settings, metrics, PolicySettings.defaults(), new PolicyMetrics(new SimpleMeterRegistry()), DetectorStore.Kind.IN_MEMORY), streams.toProperties(), T0);
        monitors = driver.createInputTopic(Topic.MONITORS.topicName(), Topic.MONITORS.keySerde().serializer(),
                Topic.MONITORS.valueSerde().serializer());
        heartbeats = driver.createInputTopic(Topic.HEARTBEATS.topicName(), Topic.HEARTBEATS.keySerde().serializer(),
                Topic.HEARTBEATS.valueSerde().serializer());
        rawHeartbeats = driver.createInputTopic(Topic.HEARTBEATS.topicName(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        rawMonitors = driver.createInputTopic(Topic.MONITORS.topicName(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        events = driver.createOutputTopic(Topic.MONITOR_EVENTS.topicName(),
                Topic.MONITOR_EVENTS.keySerde().deserializer(), Topic.MONITOR_EVENTS.valueSerde().deserializer());
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    static MonitorDefinition definition(String id, long timeoutSeconds, long graceSeconds, boolean paused,
            Instant updatedAt) {
        return new MonitorDefinition(id, "tenant-1", "job " + id, "secret-token-" + id, timeoutSeconds,
                graceSeconds, paused, List.of("channel-1"), T0, updatedAt);
    }

    /** Writes a definition, as the management API does, with the gateway's clock as record time. */
    void define(MonitorDefinition definition) {
        monitors.pipeInput(definition.id(), definition, definition.updatedAt());
    }

    /** A monitor that expects its runs on a cron schedule, defined at {@link #T0}. */
    void defineCron(String id, String cron, String timeZone, long graceSeconds) {
        define(new MonitorDefinition(id, "tenant-1", "job " + id, "secret-token-" + id, 0, graceSeconds, false,
                List.of("channel-1"), T0, T0, Schedules.parse(cron, timeZone)));
    }

    /** An interval monitor whose started runs may take {@code maxRuntimeSeconds}. */
    void defineWithRunLimit(String id, long timeoutSeconds, long graceSeconds, long maxRuntimeSeconds) {
        define(new MonitorDefinition(id, "tenant-1", "job " + id, "secret-token-" + id, timeoutSeconds,
                graceSeconds, false, List.of("channel-1"), T0, T0, null, maxRuntimeSeconds));
    }

    void define(String id, long timeoutSeconds, long graceSeconds) {
        define(definition(id, timeoutSeconds, graceSeconds, false, T0));
    }

    void delete(String id, Instant at) {
        monitors.pipeInput(id, null, at);
    }

    void push(String id, PushStatus status, String msg, double atSeconds) {
        heartbeats.pipeInput(id, Heartbeat.push(status, msg, 1.5, "10.0.0.1", "curl", at(atSeconds).toEpochMilli()),
                at(atSeconds));
    }

    /** A signal with run details, as the gateway writes it for {@code /ping/...} and {@code /api/push/...}. */
    void signal(String id, PushStatus status, Integer exitStatus, String rid, byte[] body, double atSeconds) {
        heartbeats.pipeInput(id, Heartbeat.signal(status, null, null, exitStatus, rid, body, "10.0.0.1", "curl",
                at(atSeconds).toEpochMilli()), at(atSeconds));
    }

    void start(String id, String rid, double atSeconds) {
        signal(id, PushStatus.START, null, rid, null, atSeconds);
    }

    /** A monitor's history entries, newest first. */
    List<HeartbeatEntry> history(String id) {
        KeyValueStore<Bytes, HeartbeatEntry> store = driver.getKeyValueStore(
                DetectorStore.HEARTBEAT_HISTORY.storeName());
        List<HeartbeatEntry> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, HeartbeatEntry> it = store.range(DetectorStore.historyKey(id, 0),
                DetectorStore.historyKey(id, DetectorStores.HISTORY_SIZE - 1))) {
            it.forEachRemaining(kv -> entries.add(kv.value));
        }
        entries.sort(Comparator.comparingLong(HeartbeatEntry::seq).reversed());
        return entries;
    }

    /** The body kept for signal {@code seq} of a monitor, read as the query endpoint reads it. */
    Optional<byte[]> body(String id, long seq) {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(DetectorStore.HEARTBEAT_BODIES.storeName());
        return StoredBody.bodyOf(store.get(DetectorStore.historyKey(id, (int) (seq % DetectorStores.BODIES_KEPT))),
                seq);
    }

    /** Entries in the bodies store, of every monitor. */
    long bodyEntries() {
        KeyValueStore<Bytes, byte[]> store = driver.getKeyValueStore(DetectorStore.HEARTBEAT_BODIES.storeName());
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    /** Writes a heartbeat as raw bytes, as an older gateway may have left it on the topic. */
    void pushRaw(String id, String heartbeat, double atSeconds) {
        rawHeartbeats.pipeInput(id, heartbeat.getBytes(StandardCharsets.UTF_8), at(atSeconds));
    }

    /** Writes bytes that are not a record pushmon can read, to both input topics. */
    void garbage(String id, double atSeconds) {
        byte[] bytes = "{\"kind\":\"run-started\",".getBytes(StandardCharsets.UTF_8);
        rawHeartbeats.pipeInput(id, bytes, at(atSeconds));
        rawMonitors.pipeInput(id, bytes, at(atSeconds));
    }

    void up(String id, double atSeconds) {
        push(id, PushStatus.UP, "ok", atSeconds);
    }

    void tick(double atSeconds) {
        heartbeats.pipeInput(Heartbeat.TICK_KEY, Heartbeat.tick(at(atSeconds).toEpochMilli()),
                at(atSeconds));
    }

    /** Ticks once a second from {@code fromSeconds} to {@code toSeconds}, both included. */
    void ticks(double fromSeconds, double toSeconds) {
        for (double s = fromSeconds; s <= toSeconds; s += 1) {
            tick(s);
        }
    }

    /** Moves the wall clock (and so runs the wall-clock punctuation) to {@code seconds} after T0. */
    void wallClockAt(double seconds) {
        Instant target = at(seconds);
        if (target.isAfter(wall)) {
            driver.advanceWallClockTime(Duration.between(wall, target));
            wall = target;
        }
    }

    /** Ticks up to {@code seconds} and moves the wall clock along with them: an ingest path in good health. */
    void runUntil(double fromSeconds, double seconds) {
        for (double s = fromSeconds; s <= seconds; s += 1) {
            tick(s);
            wallClockAt(s);
        }
    }

    List<MonitorEvent> events() {
        return events.readValuesToList();
    }

    MonitorState state(String id) {
        KeyValueStore<String, MonitorState> store = driver.getKeyValueStore(DetectorStore.MONITOR_STATE.storeName());
        return store.get(id);
    }

    KeyValueStore<String, MonitorState> stateStore() {
        return driver.getKeyValueStore(DetectorStore.MONITOR_STATE.storeName());
    }

    /** Every index entry, in firing order. */
    List<DeadlineIndex.Entry> indexEntries() {
        return ((DeadlineIndex) driver.getStateStore(DetectorStore.DEADLINE_INDEX.storeName())).all();
    }

    long historyEntries() {
        KeyValueStore<Bytes, HeartbeatEntry> store = driver.getKeyValueStore(
                DetectorStore.HEARTBEAT_HISTORY.storeName());
        long count = 0;
        try (KeyValueIterator<Bytes, HeartbeatEntry> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        driver.close();
        DriverStateDir.delete(stateDir);
    }
}
