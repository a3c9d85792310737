package io.pushmon.processor.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.apache.kafka.streams.KafkaStreams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TopicClient;
import io.pushmon.kafka.testing.TopicClient.Isolation;
import io.pushmon.kafka.testing.TopicClient.Tail;
import io.pushmon.processor.detector.DetectorMetrics;
import io.pushmon.processor.detector.DetectorSettings;
import io.pushmon.processor.policy.PolicyMetrics;
import io.pushmon.processor.policy.PolicySettings;

/**
 * What the rest of pushmon would do around the detector on the shared real broker: the management API's
 * definitions, clients' pushes, the gateway's ticks on every partition, and a read_committed reader of
 * {@code monitor-events} that sees only what was committed after the fixture was created.
 */
final class BrokerFixture implements AutoCloseable {

    static final Duration TICK_INTERVAL = Duration.ofMillis(250);

    final String bootstrap = SharedKafka.bootstrapServers();
    final String applicationId = "detector-it-" + UUID.randomUUID();
    final Path stateDir;
    private final TopicClient topics = new TopicClient(bootstrap);
    private final Tail<String, MonitorEvent> events;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final List<DetectorRuntime> runtimes = new ArrayList<>();

    BrokerFixture() {
        try {
            stateDir = Files.createTempDirectory("detector-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        events = topics.tail(Topic.MONITOR_EVENTS, Isolation.COMMITTED);
    }

    /** Writes a tick to every heartbeats partition every 250 ms, as the gateway does every second. */
    void startTicks() {
        int partitions = topics.partitions(Topic.HEARTBEATS);
        ticker.scheduleAtFixedRate(() -> {
            for (int p = 0; p < partitions; p++) {
                topics.sendAsync(Topic.HEARTBEATS, p, Heartbeat.TICK_KEY,
                        Heartbeat.tick(System.currentTimeMillis()));
            }
        }, 0, TICK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts a detector instance of this fixture's application, as a process start would. */
    DetectorRuntime startDetector() {
        return startDetector(StreamsSettings.local(applicationId, bootstrap, stateDir, "127.0.0.1:1", 100, 6_000));
    }

    /**
     * Starts one of several instances of this fixture's application, each with its own state directory as on
     * its own machine, and waits until it runs.
     */
    DetectorRuntime startInstance(String name, long sessionTimeoutMs, UnaryOperator<StreamsSettings> placement) {
        StreamsSettings local = StreamsSettings.local(applicationId, bootstrap, stateDir.resolve(name),
                "127.0.0.1:1", 100, sessionTimeoutMs);
        return startDetector(placement.apply(local));
    }

    private DetectorRuntime startDetector(StreamsSettings settings) {
        DetectorMetrics metrics = new DetectorMetrics(new SimpleMeterRegistry(), Clock.systemUTC());
        DetectorRuntime runtime = new DetectorRuntime(settings,
                DetectorTopology.build(DetectorSettings.defaults(), metrics, PolicySettings.defaults(),
                        new PolicyMetrics(new SimpleMeterRegistry())));
        runtime.start();
        runtimes.add(runtime);
        long until = System.currentTimeMillis() + 60_000;
        while (runtime.state() != KafkaStreams.State.RUNNING) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("Detector did not reach RUNNING but " + runtime.state());
            }
            sleep(50);
        }
        return runtime;
    }

    static MonitorDefinition monitor(String id, long timeoutSeconds) {
        return new MonitorDefinition(id, "tenant-it", "job " + id, "token-" + id, timeoutSeconds, 0, false,
                List.of(), Instant.now(), Instant.now());
    }

    void define(MonitorDefinition definition) {
        topics.send(Topic.MONITORS, definition.id(), definition);
    }

    /** Pushes and returns the broker time the heartbeat counts for (LogAppendTime). */
    long push(String monitorId, PushStatus status) {
        return topics.send(Topic.HEARTBEATS, monitorId,
                Heartbeat.push(status, "it", null, null, null, System.currentTimeMillis())).timestamp();
    }

    /** A committed event received, with the wall-clock time it was read. */
    record Received(MonitorEvent event, long receivedAt) {
    }

    /** Reads committed events matching {@code filter} for the given time. */
    List<Received> readEvents(Duration duration, Predicate<MonitorEvent> filter) {
        return received(events.readFor(duration, filter));
    }

    /** Reads until {@code count} matching events arrived or the timeout passed. */
    List<Received> awaitEvents(int count, Duration timeout, Predicate<MonitorEvent> filter) {
        return received(events.await(count, timeout, filter));
    }

    private static List<Received> received(List<TopicClient.Received<String, MonitorEvent>> records) {
        return records.stream().map(r -> new Received(r.value(), r.readAtMillis())).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        runtimes.forEach(DetectorRuntime::close);
        events.close();
        topics.close();
    }
}
