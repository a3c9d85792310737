package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Issue 7, scenario 4: the gateway is stopped for longer than the monitors' timeouts while the processor runs, so
 * no push can arrive. That is pushmon's outage, not the customers': nobody is paged for it. Once the gateway is back,
 * monitors that push again stay up and one that does not goes down with the slack it had when ingest stopped
 * (liveness-processor/README.md, "Ingest gaps").
 */
class IngestOutageIT extends FaultScenario {

    private static final int TIMEOUT_SECONDS = 5;

    @Test
    void anIngestOutageRaisesNoAlarmAndAMonitorSilentAfterItGoesDownOneTimeoutAfterTheReturn() {
        Duration outage = FaultRig.outage();
        Ledger ledger = new Ledger("4 gateway stopped " + outage.toSeconds() + " s");
        Monitor resumer1 = rig.monitor("resumer-1", TIMEOUT_SECONDS);
        Monitor resumer2 = rig.monitor("resumer-2", TIMEOUT_SECONDS);
        Monitor silent = rig.monitor("silent-after-outage", TIMEOUT_SECONDS);
        List<String> acked;
        Instant stoppedAt;
        Instant returnedAt;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofSeconds(1))) {
            pusher.add(resumer1, resumer2, silent);
            List.of(resumer1, resumer2, silent).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(20)));

            pusher.remove(silent);
            stoppedAt = Instant.now();
            assertThat(rig.system.stop(Component.GATEWAY)).as("the gateway shuts down on SIGTERM").isTrue();
            FaultRig.sleep(outage);
            rig.system.restart(Component.GATEWAY);
            returnedAt = Instant.now();

            rig.awaitStatus(silent, "down", Duration.ofSeconds(TIMEOUT_SECONDS + 15));
            FaultRig.sleep(Duration.ofSeconds(TIMEOUT_SECONDS + 2));
            List.of(resumer1, resumer2).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            acked = pusher.acked();
        }

        List<Received<String, Heartbeat>> heartbeats = rig.heartbeats();
        List<Received<String, MonitorEvent>> events = rig.committedEvents();
        ledger.heartbeats(acked, heartbeats)
                .events(Set.of(silent.id()), Set.of(resumer1.id(), resumer2.id()), events)
                .notifications(rig.notifications())
                .print();

        assertThat(ledger.lostPushes()).isZero();
        assertThat(ledger.falseAlarms()).isZero();
        assertThat(ledger.missedDowns()).isZero();
        assertThat(ledger.doubledDowns()).isZero();
        // Ingest is back when the first record (tick or push) of the restarted gateway reaches the broker; the
        // stopping gateway may still have written a last tick or push just after stoppedAt.
        Instant ingestBack = heartbeats.stream().filter(h -> h.timestamp() > stoppedAt.plus(outage).toEpochMilli())
                .map(h -> Instant.ofEpochMilli(h.timestamp())).min(Instant::compareTo).orElseThrow();
        Instant downAt = events.stream().filter(e -> silent.id().equals(e.key()))
                .filter(e -> e.value().to() == MonitorStatus.DOWN)
                .map(e -> e.value().at()).findFirst().orElseThrow();
        System.out.printf("gateway stopped %s, ingest back %s, ready %s, silent monitor down at %s%n", stoppedAt,
                ingestBack, returnedAt, downAt);
        assertThat(downAt).isAfter(ingestBack)
                .isBefore(ingestBack.plusSeconds(TIMEOUT_SECONDS).plusSeconds(1));
    }
}
