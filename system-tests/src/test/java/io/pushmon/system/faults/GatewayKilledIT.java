package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, scenario 1: {@code kill -9} of the gateway while concurrent clients push as fast as it answers. A 200 is
 * a promise that the heartbeat is in Kafka; the in-flight pushes the crash cut off got no answer and promise
 * nothing, but none may appear twice.
 */
class GatewayKilledIT extends FaultScenario {

    private static final int CLIENTS = 8;
    private static final int ACKS_BEFORE_KILL = 400;
    private static final int ACKS_AFTER_RESTART = 400;

    @Test
    void everyPushAnswered200BeforeTheGatewayWasKilledIsOnTheHeartbeatsTopicExactlyOnce() throws InterruptedException {
        Ledger ledger = new Ledger("1 gateway killed under load");
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            monitors.add(rig.monitor("loaded-" + i, 300));
        }
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<String> acked;
        long refused;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofHours(1))) {
            for (int c = 0; c < CLIENTS; c++) {
                Monitor monitor = monitors.get(c % monitors.size());
                clients.submit(() -> {
                    while (running.get()) {
                        if (!pusher.pushOnce(monitor)) {
                            // A refused connection comes back at once; do not spin while the gateway is down.
                            FaultRig.sleep(Duration.ofMillis(50));
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> pusher.acked().size() >= ACKS_BEFORE_KILL);

            rig.system.kill(Component.GATEWAY);
            int ackedAtKill = pusher.acked().size();
            rig.system.restart(Component.GATEWAY);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pusher.acked().size() >= ackedAtKill + ACKS_AFTER_RESTART);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            acked = pusher.acked();
            refused = pusher.refused();
        }

        ledger.heartbeats(acked, rig.heartbeats()).events(Set.of(), Set.of(), rig.committedEvents()).print();

        assertThat(refused).as("pushes cut off by the kill or refused while it was down").isPositive();
        assertThat(ledger.pushesAcked()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL + ACKS_AFTER_RESTART);
        assertThat(ledger.lostPushes()).isZero();
        assertThat(ledger.duplicatedPushes()).isZero();
    }
}
