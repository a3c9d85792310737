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
import io.pushmon.processor.policy.EventFeed;
import io.pushmon.processor.policy.GlobalStoreUpdater;
import io.pushmon.processor.policy.PolicyMetrics;
import io.pushmon.processor.policy.PolicyProcessor;
import io.pushmon.processor.policy.PolicySettings;
import io.pushmon.processor.policy.PolicyStore;
import io.pushmon.processor.policy.PulseProcessor;

/**
 * Wires the processor's two steps.
 *
 * <p>The detector: definitions and heartbeats, co-partitioned by monitor id, feed two processors that share every
 * store, so both land in one task per partition and see the same state. Its status changes go to
 * {@code monitor-events} and, re-keyed by tenant, to {@code policy-inputs}, with the definitions' policy settings;
 * a pulse processor counts pushes and downs for the storm guard.
 *
 * <p>The policy: {@code policy-inputs} (one task per partition, a tenant in one task) feeds the policy processor,
 * which reads every maintenance window and every detector pulse from two global stores and writes {@code alerts},
 * what the dispatcher sends.
 */
public final class DetectorTopology {

    public static final String MONITORS_SOURCE = "monitors-source";
    public static final String HEARTBEATS_SOURCE = "heartbeats-source";
    public static final String DEFINITIONS = "definitions";
    public static final String HEARTBEATS = "heartbeats";
    public static final String EVENTS_SINK = "monitor-events-sink";
    public static final String EVENT_FEED = "event-feed";
    public static final String PULSE = "pulse";
    public static final String PULSE_SINK = "detector-pulse-sink";
    public static final String POLICY_INPUTS_SINK = "policy-inputs-sink";
    public static final String POLICY_SOURCE = "policy-inputs-source";
    public static final String POLICY = "policy";
    public static final String ALERTS_SINK = "alerts-sink";
    public static final String WINDOWS_SOURCE = "maintenance-windows-source";
    public static final String WINDOWS_UPDATER = "maintenance-windows-updater";
    public static final String PULSES_SOURCE = "detector-pulse-source";
    public static final String PULSES_UPDATER = "detector-pulse-updater";

    private DetectorTopology() {
    }

    /** The topology the processor runs: RocksDB stores. */
    public static Topology build(DetectorSettings settings, DetectorMetrics metrics, PolicySettings policy,
            PolicyMetrics policyMetrics) {
        return build(settings, metrics, policy, policyMetrics, DetectorStore.Kind.PERSISTENT);
    }

    public static Topology build(DetectorSettings settings, DetectorMetrics metrics, PolicySettings policy,
            PolicyMetrics policyMetrics, DetectorStore.Kind stores) {
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
                        Topic.MONITOR_EVENTS.valueSerde().serializer(), HEARTBEATS)
                .addProcessor(EVENT_FEED, EventFeed::new, HEARTBEATS)
                .addSink(POLICY_INPUTS_SINK, Topic.POLICY_INPUTS.topicName(),
                        Topic.POLICY_INPUTS.keySerde().serializer(), Topic.POLICY_INPUTS.valueSerde().serializer(),
                        EVENT_FEED, DEFINITIONS)
                .addProcessor(PULSE, () -> new PulseProcessor(policy.storm()), HEARTBEATS_SOURCE, HEARTBEATS)
                .addSink(PULSE_SINK, Topic.DETECTOR_PULSE.topicName(), Topic.DETECTOR_PULSE.keySerde().serializer(),
                        Topic.DETECTOR_PULSE.valueSerde().serializer(), PULSE);
        for (DetectorStore store : DetectorStore.values()) {
            topology.addStateStore(store.builder(stores), DEFINITIONS, HEARTBEATS);
        }
        topology.connectProcessorAndStateStores(PULSE, DetectorStore.MONITOR_STATE.storeName());

        topology.addSource(POLICY_SOURCE, Topic.POLICY_INPUTS.keySerde().deserializer(),
                        Topic.POLICY_INPUTS.valueSerde().deserializer(), Topic.POLICY_INPUTS.topicName())
                .addProcessor(POLICY, () -> new PolicyProcessor(policy, policyMetrics), POLICY_SOURCE)
                .addSink(ALERTS_SINK, Topic.ALERTS.topicName(), Topic.ALERTS.keySerde().serializer(),
                        Topic.ALERTS.valueSerde().serializer(), POLICY)
                .addGlobalStore(PolicyStore.WINDOWS.builder(stores), WINDOWS_SOURCE,
                        Topic.MAINTENANCE_WINDOWS.keySerde().deserializer(),
                        Topic.MAINTENANCE_WINDOWS.valueSerde().deserializer(), Topic.MAINTENANCE_WINDOWS.topicName(),
                        WINDOWS_UPDATER, () -> new GlobalStoreUpdater<>(PolicyStore.WINDOWS.storeName()))
                .addGlobalStore(PolicyStore.PULSES.builder(stores), PULSES_SOURCE,
                        Topic.DETECTOR_PULSE.keySerde().deserializer(),
                        Topic.DETECTOR_PULSE.valueSerde().deserializer(), Topic.DETECTOR_PULSE.topicName(),
                        PULSES_UPDATER, () -> new GlobalStoreUpdater<>(PolicyStore.PULSES.storeName()));
        for (PolicyStore store : PolicyStore.values()) {
            if (!store.global()) {
                topology.addStateStore(store.builder(stores), POLICY);
            }
        }
        return topology;
    }
}
