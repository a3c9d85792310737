package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, scenario 5: {@code kill -9} of the dispatcher while notifications are in flight to a slow receiver
 * (received there, not yet answered, so not yet committed by the dispatcher). Delivery is at least once: every
 * down arrives, and what arrives twice carries the same idempotency key, so the receiver can drop it.
 */
class DispatcherKilledIT extends FaultScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_SECONDS = 2;
    private static final int MONITORS = 8;
    private static final Duration ANSWER_DELAY = Duration.ofSeconds(3);

    @Override
    FaultRig newRig() {
        return FaultRig.start(PushmonSystem.builder()
                .setting(Component.DISPATCHER, "pushmon.dispatcher.retry.initial-backoff", "1s"),
                WebhookReceiver.start(ANSWER_DELAY));
    }

    @Test
    void aDispatcherKilledMidDeliveryDeliversEveryDownAtLeastOnceAndDuplicatesUnderTheSameKey() {
        Ledger ledger = new Ledger("5 dispatcher killed mid-delivery");
        List<Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < MONITORS; i++) {
            monitors.add(rig.monitor("notified-" + i, TIMEOUT_SECONDS));
        }
        List<String> acked;
        Instant firstArrival;
        Instant killedAt;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofHours(1))) {
            monitors.forEach(m -> assertThat(pusher.pushOnce(m)).isTrue());
            await().atMost(Duration.ofSeconds(30)).until(() -> !rig.notifications().isEmpty());

            rig.system.kill(Component.DISPATCHER);
            killedAt = Instant.now();
            firstArrival = rig.notifications().get(0).receivedAt();
            rig.system.restart(Component.DISPATCHER);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> notifiedMonitors().size() == MONITORS);
            acked = pusher.acked();
        }
        Set<String> ids = monitors.stream().map(Monitor::id).collect(Collectors.toSet());
        ledger.heartbeats(acked, rig.heartbeats())
                .events(ids, Set.of(), rig.committedEvents())
                .notifications(rig.notifications())
                .print();

        Instant lastArrival = rig.notifications().get(rig.notifications().size() - 1).receivedAt();
        System.out.printf("every monitor notified %d ms after the kill%n", Duration.between(killedAt, lastArrival)
                .toMillis());
        assertThat(killedAt).as("killed before the receiver answered the first delivery")
                .isBefore(firstArrival.plus(ANSWER_DELAY));
        assertThat(notifiedMonitors()).isEqualTo(ids);
        // The first delivery was never answered, so it was never committed: it must have come again.
        assertThat(ledger.duplicateNotifications()).isPositive();
        assertThat(rig.notifications()).as("one key per monitor")
                .hasSize(MONITORS + ledger.duplicateNotifications());
        assertThat(ledger.keyMismatches()).isZero();
        assertThat(ledger.doubledDowns()).isZero();
        assertThat(ledger.missedDowns()).isZero();
        assertThat(rig.notifications()).allSatisfy(d -> assertThat(d.header("Idempotency-Key"))
                .matches("[^:]+:[0-9]+:down:[^:]+"));
    }

    private Set<String> notifiedMonitors() {
        return rig.notifications().stream().map(DispatcherKilledIT::monitorOf).collect(Collectors.toSet());
    }

    private static String monitorOf(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body()).path("monitorId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
