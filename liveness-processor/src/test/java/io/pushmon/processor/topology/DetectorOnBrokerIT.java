package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

/** The detector as it runs, with exactly-once processing, on the real broker. */
class DetectorOnBrokerIT {

    private final BrokerFixture kafka = new BrokerFixture();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aMonitorWithATwoSecondTimeoutGoesDownWithinTwoSecondsOfItsDeadlineAndRecoversOnTheNextPush() {
        String id = "it-" + UUID.randomUUID();
        kafka.startTicks();
        kafka.startDetector();
        kafka.define(BrokerFixture.monitor(id, 2));
        BrokerFixture.sleep(500);
        long pushedAt = kafka.push(id, PushStatus.UP);
        long deadline = pushedAt + 2_000;

        List<BrokerFixture.Received> down = kafka.awaitEvents(1, Duration.ofSeconds(15),
                e -> e.monitorId().equals(id));
        assertThat(down).hasSize(1);
        MonitorEvent event = down.get(0).event();
        assertThat(event.reason()).isEqualTo(EventReason.TIMEOUT);
        assertThat(event.at()).isEqualTo(Instant.ofEpochMilli(deadline));
        assertThat(down.get(0).receivedAt() - deadline).as("detection delay in ms").isBetween(0L, 2_000L);

        kafka.push(id, PushStatus.UP);
        List<BrokerFixture.Received> up = kafka.awaitEvents(1, Duration.ofSeconds(15),
                e -> e.monitorId().equals(id));
        assertThat(up).extracting(r -> r.event().reason()).containsExactly(EventReason.RECOVERED);
        assertThat(up.get(0).event().to()).isEqualTo(MonitorStatus.UP);
        assertThat(up.get(0).event().incident()).isEqualTo(1);
    }

    @Test
    void aRestartAfterPushesContinuedRaisesNoDownForMonitorsThatKeptPushing() {
        List<String> pushing = IntStream.range(0, 6).mapToObj(i -> "it-pushing-" + UUID.randomUUID()).toList();
        String silent = "it-silent-" + UUID.randomUUID();
        Set<String> ours = new java.util.HashSet<>(pushing);
        ours.add(silent);
        kafka.startTicks();
        DetectorRuntime first = kafka.startDetector();
        pushing.forEach(id -> kafka.define(BrokerFixture.monitor(id, 2)));
        kafka.define(BrokerFixture.monitor(silent, 2));
        ScheduledExecutorService clients = Executors.newSingleThreadScheduledExecutor();
        try {
            clients.scheduleAtFixedRate(() -> pushing.forEach(id -> kafka.push(id, PushStatus.UP)), 0, 500,
                    TimeUnit.MILLISECONDS);
            long silentPush = kafka.push(silent, PushStatus.UP);
            BrokerFixture.sleep(2_000);

            // The processor stops; clients go on pushing for three times their timeout.
            first.close();
            BrokerFixture.sleep(6_000);
            kafka.startDetector();

            List<BrokerFixture.Received> whileRestarting = kafka.readEvents(Duration.ofSeconds(6),
                    e -> ours.contains(e.monitorId()));
            assertThat(whileRestarting).extracting(r -> r.event().monitorId())
                    .as("only the monitor that really stopped pushing goes down").containsExactly(silent);
            MonitorEvent silentDown = whileRestarting.get(0).event();
            assertThat(silentDown.at()).as("at its deadline, not at the restart")
                    .isEqualTo(Instant.ofEpochMilli(silentPush + 2_000));

            clients.shutdownNow();
            clients.awaitTermination(5, TimeUnit.SECONDS);
            List<BrokerFixture.Received> afterStop = kafka.awaitEvents(pushing.size(), Duration.ofSeconds(15),
                    e -> ours.contains(e.monitorId()));
            assertThat(afterStop.stream().map(r -> r.event().monitorId()).collect(Collectors.toSet()))
                    .as("the detector is live: once pushes stop, every monitor goes down")
                    .containsExactlyInAnyOrderElementsOf(pushing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aProcessorOnAnEmptyStateDirectoryFiresTheDeadlinesOfTheStatesItRestored() {
        String id = "it-moved-" + UUID.randomUUID();
        kafka.startTicks();
        DetectorRuntime first = kafka.startInstance("first", 6_000, s -> s);
        kafka.define(BrokerFixture.monitor(id, 8));
        BrokerFixture.sleep(500);
        long pushedAt = kafka.push(id, PushStatus.UP);
        BrokerFixture.sleep(2_000);
        first.close();

        // A new machine: its stores come from the changelogs alone, and the deadline index, which has none, from
        // the states it restored.
        kafka.startInstance("second", 6_000, s -> s);
        List<BrokerFixture.Received> down = kafka.awaitEvents(1, Duration.ofSeconds(30),
                e -> e.monitorId().equals(id));
        assertThat(down).extracting(r -> r.event().reason()).containsExactly(EventReason.TIMEOUT);
        assertThat(down.get(0).event().at()).isEqualTo(Instant.ofEpochMilli(pushedAt + 8_000));
    }
}
