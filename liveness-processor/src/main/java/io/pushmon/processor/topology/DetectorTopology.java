package io.pushmon.processor.topology;

import org.apache.kafka.streams.Topology;

import io.pushmon.common.topics.Topic;
import io.pushmon.processor.detector.DeadlineRule;
import io.pushmon.processor.detector.DefinitionProcessor;
import io.pushmon.processor.detector.DetectorMetrics;
import io.pushmon.processor.detector.DetectorSettings;
import io.pushmon.processor.detector.DetectorStore;
import io.pushmon.processor.detector.HeartbeatProcessor;
import io.pushmon.processor.detector.StatusMachine;

/**
 * Wires the detector: definitions and heartbeats, co-partitioned by monitor id, feed two processors that
 * share every store, so both land in one task per partition and see the same state.
 */
public final class DetectorTopology {

    public static final String MONITORS_SOURCE = "monitors-source";
    public static final String HEARTBEATS_SOURCE = "heartbeats-source";
    public static final String DEFINITIONS = "definitions";
    public static final String HEARTBEATS = "heartbeats";
    public static final String EVENTS_SINK = "monitor-events-sink";

    private DetectorTopology() {
    }

    /** The topology the processor runs: RocksDB stores. */
    public static Topology build(DetectorSettings settings, DetectorMetrics metrics) {
        return build(settings, metrics, DetectorStore.Kind.PERSISTENT);
    }

    public static Topology build(DetectorSettings settings, DetectorMetrics metrics, DetectorStore.Kind stores) {
        StatusMachine machine = new StatusMachine(DeadlineRule.bySchedule());
        Topology topology = new Topology()
                .addSource(MONITORS_SOURCE, Topic.MONITORS.keySerde().deserializer(),
                        Topic.MONITORS.valueSerde().deserializer(), Topic.MONITORS.topicName())
                .addSource(HEARTBEATS_SOURCE, Topic.HEARTBEATS.keySerde().deserializer(),
                        Topic.HEARTBEATS.valueSerde().deserializer(), Topic.HEARTBEATS.topicName())
                .addProcessor(DEFINITIONS, () -> new DefinitionProcessor(settings, machine), MONITORS_SOURCE)
                .addProcessor(HEARTBEATS, () -> new HeartbeatProcessor(settings, machine, metrics),
                        HEARTBEATS_SOURCE)
                .addSink(EVENTS_SINK, Topic.MONITOR_EVENTS.topicName(), Topic.MONITOR_EVENTS.keySerde().serializer(),
                        Topic.MONITOR_EVENTS.valueSerde().serializer(), HEARTBEATS);
        for (DetectorStore store : DetectorStore.values()) {
            topology.addStateStore(store.builder(stores), DEFINITIONS, HEARTBEATS);
        }
        return topology;
    }
}
