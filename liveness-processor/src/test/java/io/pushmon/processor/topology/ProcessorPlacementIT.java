package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import io.pushmon.kafka.testing.SharedKafka;

/**
 * How processor instances share and hand over partitions on the real broker: what a clean stop costs in
 * unwatched time with and without a stable instance id, and where standbys go. A stop never loses a deadline
 * (the next owner fires what passed meanwhile); what it costs is how late those downs are noticed.
 */
class ProcessorPlacementIT {

    /** Long enough that a hand-over before it can only come from leaving the group. */
    private static final long LONG_SESSION_MS = 30_000;
    private static final long SHORT_SESSION_MS = 8_000;

    @Test
    void aNamedInstanceThatStopsHandsItsPartitionsOverAtOnce() {
        try (BrokerFixture fixture = new BrokerFixture()) {
            DetectorRuntime a = fixture.startInstance("a", LONG_SESSION_MS, s -> s.placed("processor-0", "n1", 0));
            DetectorRuntime b = fixture.startInstance("b", LONG_SESSION_MS, s -> s.placed("processor-1", "n2", 0));
            awaitSplit(a, b);

            long handOverMs = stopAndTimeHandOver(a, b, "static", LONG_SESSION_MS);
            assertThat(handOverMs).isLessThan(LONG_SESSION_MS / 2);
        }
    }

    @Test
    void anUnnamedInstanceThatStopsKeepsItsPartitionsForTheSessionTimeout() {
        try (BrokerFixture fixture = new BrokerFixture()) {
            DetectorRuntime a = fixture.startInstance("a", SHORT_SESSION_MS, s -> s);
            DetectorRuntime b = fixture.startInstance("b", SHORT_SESSION_MS, s -> s);
            awaitSplit(a, b);

            long handOverMs = stopAndTimeHandOver(a, b, "dynamic", SHORT_SESSION_MS);
            // The broker notices the silent member only when its session expires; a little before the full
            // timeout counts because the last heartbeat was sent somewhat before the stop.
            assertThat(handOverMs).isGreaterThan(SHORT_SESSION_MS * 3 / 4);
        }
    }

    @Test
    void aStandbyNeverSharesARackWithItsActiveTask() {
        try (BrokerFixture fixture = new BrokerFixture()) {
            DetectorRuntime a = fixture.startInstance("a", LONG_SESSION_MS, s -> s.placed("processor-0", "n1", 1));
            DetectorRuntime b = fixture.startInstance("b", LONG_SESSION_MS, s -> s.placed("processor-1", "n1", 1));
            DetectorRuntime c = fixture.startInstance("c", LONG_SESSION_MS, s -> s.placed("processor-2", "n2", 1));
            Map<DetectorRuntime, String> racks = Map.of(a, "n1", b, "n1", c, "n2");

            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!placedOnOtherRacks(racks) && System.nanoTime() < until) {
                BrokerFixture.sleep(200);
            }

            for (var entry : racks.entrySet()) {
                System.out.printf("%s: active %s, standby %s%n", entry.getValue(), tasks(entry.getKey(), true),
                        tasks(entry.getKey(), false));
            }
            assertThat(placedOnOtherRacks(racks)).as("every task has a standby on another rack").isTrue();
        }
    }

    /** Stops {@code a} cleanly and returns the milliseconds until {@code b} runs every task. */
    private static long stopAndTimeHandOver(DetectorRuntime a, DetectorRuntime b, String membership,
            long sessionTimeoutMs) {
        long stoppedAt = System.nanoTime();
        a.close();
        long closeMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        awaitActive(b, SharedKafka.TEST_PARTITIONS, Duration.ofMillis(sessionTimeoutMs * 5));
        long handOverMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        System.out.printf("hand-over after a clean stop of a %s member: %d ms, of which closing %d ms "
                + "(session timeout %d ms)%n", membership, handOverMs, closeMs, sessionTimeoutMs);
        return handOverMs;
    }

    private static boolean placedOnOtherRacks(Map<DetectorRuntime, String> racks) {
        Map<TaskId, String> activeRack = new HashMap<>();
        Map<TaskId, String> standbyRack = new HashMap<>();
        for (var entry : racks.entrySet()) {
            tasks(entry.getKey(), true).forEach(t -> activeRack.put(t, entry.getValue()));
            tasks(entry.getKey(), false).forEach(t -> standbyRack.put(t, entry.getValue()));
        }
        return activeRack.size() >= SharedKafka.TEST_PARTITIONS && activeRack.keySet().equals(standbyRack.keySet())
                && activeRack.keySet().stream().noneMatch(t -> activeRack.get(t).equals(standbyRack.get(t)));
    }

    private static void awaitSplit(DetectorRuntime a, DetectorRuntime b) {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            Set<TaskId> first = tasks(a, true);
            Set<TaskId> second = tasks(b, true);
            if (!first.isEmpty() && !second.isEmpty() && first.size() + second.size() >= SharedKafka.TEST_PARTITIONS
                    && a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            BrokerFixture.sleep(100);
        }
        throw new AssertionError("the two instances did not share the partitions: " + tasks(a, true) + " / "
                + tasks(b, true));
    }

    private static void awaitActive(DetectorRuntime runtime, int count, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (tasks(runtime, true).size() >= count && runtime.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            BrokerFixture.sleep(50);
        }
        throw new AssertionError("the instance took over only " + tasks(runtime, true));
    }

    /**
     * Tasks of the detector's sub-topology (the first; the policy step's is the second) this instance runs actively
     * or keeps as standby.
     */
    private static Set<TaskId> tasks(DetectorRuntime runtime, boolean active) {
        return runtime.streams().map(KafkaStreams::metadataForLocalThreads).orElse(Set.of()).stream()
                .flatMap((ThreadMetadata t) -> (active ? t.activeTasks() : t.standbyTasks()).stream())
                .map(task -> task.taskId()).filter(id -> id.subtopology() == 0).collect(Collectors.toSet());
    }
}
