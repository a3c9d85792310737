package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, scenario 6: the broker is stopped and started again on the same port and data while clients keep
 * pushing. Pushes it cannot take are 503s, never 200s; the services reconnect by themselves (same pids); nothing
 * acknowledged is lost and nobody is paged for the outage.
 */
class BrokerOutageIT extends FaultScenario {

    private static final int TIMEOUT_SECONDS = 5;
    private static final List<Component> SERVICES = List.of(Component.GATEWAY, Component.PROCESSOR,
            Component.DISPATCHER);

    /** {@code -Dpushmon.faults.broker-outage-seconds}, 30 s by default as in the issue. */
    private static Duration brokerOutage() {
        return Duration.ofSeconds(Long.getLong("pushmon.faults.broker-outage-seconds", 30));
    }

    @Test
    void aBrokerOutageTurnsPushesInto503sAndTheServicesRecoverByThemselvesLosingNothingAcknowledged() {
        Duration outage = brokerOutage();
        Ledger ledger = new Ledger("6 broker stopped " + outage.toSeconds() + " s");
        Monitor steady1 = rig.monitor("steady-1", TIMEOUT_SECONDS);
        Monitor steady2 = rig.monitor("steady-2", TIMEOUT_SECONDS);
        Monitor afterwards = rig.monitor("dies-after-the-outage", TIMEOUT_SECONDS);
        Map<Component, Long> pids = new EnumMap<>(Component.class);
        SERVICES.forEach(s -> pids.put(s, rig.system.process(s).pid()));
        List<String> acked;
        long unavailable;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofSeconds(1))) {
            pusher.add(steady1, steady2);
            List.of(steady1, steady2).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(20)));

            assertThat(rig.system.stop(Component.KAFKA)).as("the broker shuts down on SIGTERM").isTrue();
            FaultRig.sleep(outage);
            unavailable = pusher.answered(503);
            rig.system.restart(Component.KAFKA);

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SERVICES.stream().allMatch(rig.system::isReady));
            await().atMost(Duration.ofSeconds(30)).until(() -> pusher.pushOnce(afterwards));
            rig.awaitStatus(afterwards, "down", Duration.ofSeconds(TIMEOUT_SECONDS + 20));
            List.of(steady1, steady2).forEach(m -> rig.awaitStatus(m, "up", Duration.ofSeconds(5)));
            acked = pusher.acked();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !rig.notifications().isEmpty());

        ledger.heartbeats(acked, rig.heartbeats())
                .events(Set.of(afterwards.id()), Set.of(steady1.id(), steady2.id()), rig.committedEvents())
                .notifications(rig.notifications())
                .print();

        assertThat(unavailable).as("pushes answered 503 while the broker was down").isPositive();
        SERVICES.forEach(s -> assertThat(rig.system.process(s).pid()).as(s + " was not restarted")
                .isEqualTo(pids.get(s)));
        ledger.assertExact();
        assertThat(rig.notifications()).hasSize(1);
    }
}
