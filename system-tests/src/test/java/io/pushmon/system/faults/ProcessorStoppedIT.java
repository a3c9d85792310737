package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, scenario 3: the processor is stopped (SIGTERM) for longer than the monitors' timeouts while clients keep
 * pushing, then started again. Nobody who kept pushing is paged; a job that really died meanwhile is.
 */
class ProcessorStoppedIT extends FaultScenario {

    private static final int TIMEOUT_SECONDS = 4;

    @Test
    void aStoppedProcessorRaisesNoFalseAlarmOnRestartButReportsTheMonitorThatReallyStoppedAtItsDeadline() {
        Duration outage = FaultRig.outage();
        Ledger ledger = new Ledger("3 processor stopped " + outage.toSeconds() + " s");
        Monitor steady1 = rig.monitor("steady-1", TIMEOUT_SECONDS);
        Monitor steady2 = rig.monitor("steady-2", TIMEOUT_SECONDS);
        Monitor quitter = rig.monitor("quitter", TIMEOUT_SECONDS);
        List<String> acked;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofSeconds(1))) {
            pusher.add(steady1, steady2, quitter);
            List.of(steady1, steady2, quitter).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(20)));

            assertThat(rig.system.stop(Component.PROCESSOR)).as("the processor shuts down on SIGTERM").isTrue();
            FaultRig.sleep(Duration.ofSeconds(2));
            pusher.remove(quitter);
            FaultRig.sleep(outage.minusSeconds(2));
            rig.system.restart(Component.PROCESSOR);

            rig.awaitStatus(quitter, "down", Duration.ofSeconds(30));
            // Long enough for a false alarm about the steady ones to show, had the backlog fired their deadlines.
            FaultRig.sleep(Duration.ofSeconds(TIMEOUT_SECONDS + 2));
            List.of(steady1, steady2).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            acked = pusher.acked();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !rig.notifications().isEmpty());

        List<Received<String, Heartbeat>> heartbeats = rig.heartbeats();
        List<Received<String, MonitorEvent>> events = rig.committedEvents();
        ledger.heartbeats(acked, heartbeats)
                .events(Set.of(quitter.id()), Set.of(steady1.id(), steady2.id()), events)
                .notifications(rig.notifications())
                .print();

        ledger.assertExact();
        assertThat(ledger.ups()).as("the quitter never came back").isZero();
        // The down counts from when the quitter went silent, not from when the restarted processor noticed.
        long lastQuitterPush = heartbeats.stream().filter(h -> quitter.id().equals(h.key()))
                .mapToLong(Received::timestamp).max().orElseThrow();
        Instant downAt = events.stream().filter(e -> quitter.id().equals(e.key()))
                .filter(e -> e.value().to() == MonitorStatus.DOWN)
                .map(e -> e.value().at()).findFirst().orElseThrow();
        assertThat(downAt).isEqualTo(Instant.ofEpochMilli(lastQuitterPush).plusSeconds(TIMEOUT_SECONDS));
        assertThat(rig.notifications()).hasSize(1);
        assertThat(rig.notifications().get(0).header("Idempotency-Key")).startsWith(quitter.id() + ":");
    }
}
