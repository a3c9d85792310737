package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, scenario 2: {@code kill -9} of the processor while monitors are expiring, one after another, then a
 * restart. exactly_once_v2 must leave each down in {@code monitor-events} once (read_committed), whether the crash
 * came before, during or after its transaction.
 */
class ProcessorKilledIT extends FaultScenario {

    private static final int TIMEOUT_SECONDS = 3;
    private static final int QUITTERS = 12;

    @Test
    void aProcessorKilledWhileMonitorsExpireEmitsEachDownExactlyOnceAfterRestartAndNoneForMonitorsThatKeptPushing() {
        Ledger ledger = new Ledger("2 processor killed while expiring");
        List<Monitor> keepers = List.of(rig.monitor("keeper-1", TIMEOUT_SECONDS),
                rig.monitor("keeper-2", TIMEOUT_SECONDS), rig.monitor("keeper-3", TIMEOUT_SECONDS));
        List<Monitor> quitters = new ArrayList<>();
        for (int i = 0; i < QUITTERS; i++) {
            quitters.add(rig.monitor("quitter-" + i, TIMEOUT_SECONDS));
        }
        List<String> acked;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofSeconds(1))) {
            pusher.add(keepers.toArray(Monitor[]::new));
            keepers.forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(20)));
            // One last push each, 250 ms apart: the deadlines fall one after another over three seconds.
            for (Monitor quitter : quitters) {
                assertThat(pusher.pushOnce(quitter)).isTrue();
                FaultRig.sleep(Duration.ofMillis(250));
            }
            rig.awaitStatus(quitters.get(0), "down", Duration.ofSeconds(15));
            FaultRig.sleep(Duration.ofMillis(400));

            rig.system.kill(Component.PROCESSOR);
            rig.system.restart(Component.PROCESSOR);

            quitters.forEach(m -> rig.awaitStatus(m, "down", Duration.ofSeconds(30)));
            FaultRig.sleep(Duration.ofSeconds(TIMEOUT_SECONDS + 2));
            keepers.forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            acked = pusher.acked();
        }

        ledger.heartbeats(acked, rig.heartbeats())
                .events(ids(quitters), ids(keepers), rig.committedEvents())
                .notifications(rig.notifications())
                .print();

        ledger.assertExact();
        assertThat(ledger.downsEmitted()).isEqualTo(QUITTERS);
    }

    private static Set<String> ids(List<Monitor> monitors) {
        return monitors.stream().map(Monitor::id).collect(Collectors.toSet());
    }
}
