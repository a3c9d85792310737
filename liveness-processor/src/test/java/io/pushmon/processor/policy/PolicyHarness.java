package io.pushmon.processor.policy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.DetectorPulse;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;
import io.pushmon.common.model.PolicyInput;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.processor.detector.DetectorMetrics;
import io.pushmon.processor.detector.DetectorSettings;
import io.pushmon.processor.detector.DetectorStore;
import io.pushmon.processor.topology.DetectorTopology;
import io.pushmon.processor.topology.DriverStateDir;
import io.pushmon.processor.topology.StreamsSettings;

/**
 * The whole processor topology (detector and policy) in a {@link TopologyTestDriver}: monitors are defined and
 * pushed as the gateway does, ticks keep broker time going, and a wall clock the test moves runs both steps'
 * punctuations. Downs therefore come from the real detector, and what is asserted is what reaches {@code alerts}.
 * Times are seconds after {@link #T0}.
 */
final class PolicyHarness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final String TENANT = "tenant-1";

    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, MonitorDefinition> monitors;
    private final TestInputTopic<String, Heartbeat> heartbeats;
    private final TestInputTopic<String, MaintenanceWindow> windows;
    private final TestInputTopic<String, DetectorPulse> pulses;
    private final TestInputTopic<String, PolicyInput> inputs;
    private final TestOutputTopic<String, MonitorEvent> alerts;
    private double now;

    PolicyHarness(PolicySettings settings) {
        stateDir = DriverStateDir.create("policy-ttd");
        StreamsSettings streams = StreamsSettings.local("policy-test", "unused:9092", stateDir, "127.0.0.1:8081",
                100, 10_000);
        DetectorMetrics metrics = new DetectorMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
        driver = new TopologyTestDriver(DetectorTopology.build(DetectorSettings.defaults(), metrics, settings,
                new PolicyMetrics(new SimpleMeterRegistry()), DetectorStore.Kind.IN_MEMORY), streams.toProperties(),
                T0);
        monitors = input(Topic.MONITORS);
        heartbeats = input(Topic.HEARTBEATS);
        windows = input(Topic.MAINTENANCE_WINDOWS);
        pulses = input(Topic.DETECTOR_PULSE);
        inputs = input(Topic.POLICY_INPUTS);
        alerts = driver.createOutputTopic(Topic.ALERTS.topicName(), Topic.ALERTS.keySerde().deserializer(),
                Topic.ALERTS.valueSerde().deserializer());
    }

    /** Grouping and the storm guard off: the rules one at a time. */
    static PolicySettings plain() {
        return PolicySettings.defaults().withGrouping(false, Duration.ofSeconds(20), 3)
                .withStorm(PolicySettings.Storm.defaults().disabled());
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> topic) {
        return driver.createInputTopic(topic.topicName(), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** An interval monitor of {@link #TENANT} with one channel, defined at {@link #T0}. */
    void define(String id, long timeoutSeconds, List<String> tags, AlertPolicy policy) {
        MonitorDefinition definition = new MonitorDefinition(id, TENANT, "job " + id, "token-" + id, timeoutSeconds,
                0, false, List.of("channel-" + id), T0, T0, null, 0, false, null, tags, policy);
        monitors.pipeInput(id, definition, T0);
    }

    void delete(String id) {
        monitors.pipeInput(id, null, at(now));
    }

    void define(String id, long timeoutSeconds) {
        define(id, timeoutSeconds, List.of(), AlertPolicy.DEFAULT);
    }

    void push(String id) {
        heartbeats.pipeInput(id, Heartbeat.push(PushStatus.UP, "ok", null, "10.0.0.1", "curl",
                at(now).toEpochMilli()), at(now));
    }

    /** A push the broker stamped at {@code seconds}, read now: a backlog after a stall. */
    void pushStampedAt(String id, double seconds) {
        heartbeats.pipeInput(id, Heartbeat.push(PushStatus.UP, "ok", null, "10.0.0.1", "curl",
                at(seconds).toEpochMilli()), at(seconds));
    }

    void pushDown(String id, String msg) {
        heartbeats.pipeInput(id, Heartbeat.push(PushStatus.DOWN, msg, null, "10.0.0.1", "curl",
                at(now).toEpochMilli()), at(now));
    }

    void window(MaintenanceWindow window) {
        windows.pipeInput(MaintenanceWindow.key(window.tenantId(), window.id()), window, at(now));
    }

    void deleteWindow(String id) {
        windows.pipeInput(MaintenanceWindow.key(TENANT, id), null, at(now));
    }

    /** A pulse as another detector task would send it. */
    void pulse(int partition, long monitorCount, long downs, double ingest, double baseline) {
        pulses.pipeInput("p" + partition, new DetectorPulse(partition, at(now), monitorCount, downs, ingest,
                baseline), at(now));
    }

    void acknowledge(String id, long incident, String by) {
        inputs.pipeInput(TENANT, PolicyInput.of(new PolicyInput.Acknowledgement(id, TENANT, incident, by, at(now))),
                at(now));
    }

    /** Ticks every second up to {@code seconds}, moving the wall clock with them: ingest in good health. */
    void runUntil(double seconds) {
        while (now + 1 <= seconds) {
            now += 1;
            heartbeats.pipeInput(Heartbeat.TICK_KEY, Heartbeat.tick(at(now).toEpochMilli()), at(now));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }
    }

    /** Like {@link #runUntil}, with {@code beforeEachTick} run every second (to keep monitors pushing). */
    void runUntil(double seconds, Runnable beforeEachTick) {
        while (now + 1 <= seconds) {
            beforeEachTick.run();
            runUntil(now + 1);
        }
    }

    /** The pulses the policy sees, every detector task's latest. */
    List<DetectorPulse> pulsesSeen() {
        List<DetectorPulse> all = new ArrayList<>();
        driver.<String, DetectorPulse>getKeyValueStore(PolicyStore.PULSES.storeName()).all()
                .forEachRemaining(kv -> all.add(kv.value));
        return all;
    }

    double now() {
        return now;
    }

    List<MonitorEvent> alerts() {
        return alerts.readValuesToList();
    }

    /** The notices sent since the last read, as "KIND subject" lines, in order. */
    static List<String> kinds(List<MonitorEvent> sent) {
        List<String> lines = new ArrayList<>();
        for (MonitorEvent alert : sent) {
            Notice notice = alert.notice();
            lines.add(notice.kind() + " " + alert.monitorId());
        }
        return lines;
    }

    @Override
    public void close() {
        driver.close();
        DriverStateDir.delete(stateDir);
    }
}
