package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushmon.system.Heartbeats;
import io.pushmon.system.Pause;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Channel;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A correlated outage of 200 monitors tagged {@code eu-west} (of 220 with the tag), run twice on fresh systems: with
 * grouping on (the default) and off, counting what reaches the webhook receiver. The storm guard is off in both runs:
 * 200 of 220 monitors stopping while ingest falls by nine tenths is exactly what it would hold, and this scenario
 * measures the grouping alone.
 */
class CorrelatedOutageIT {

    @Test
    void groupingTurnsTwoHundredDownsIntoOneNotificationAndTwoHundredRecoveriesIntoOne() {
        Map<String, Long> grouped = outage(true);
        Map<String, Long> alone = outage(false);
        System.out.printf("correlated outage of 200 monitors: grouping on %s; grouping off %s%n", grouped, alone);
        assertThat(grouped).containsEntry("group.down", 1L).containsEntry("group.up", 1L)
                .doesNotContainKeys("monitor.down", "monitor.up");
        assertThat(alone).containsEntry("monitor.down", 200L).containsEntry("monitor.up", 200L)
                .doesNotContainKeys("group.down", "group.up");
    }

    /** Notifications received per event type for one run. */
    private static Map<String, Long> outage(boolean grouping) {
        try (PushmonSystem system = PushmonSystem.builder()
                .setting(Component.PROCESSOR, "pushmon.processor.policy.storm.enabled", "false")
                .setting(Component.PROCESSOR, "pushmon.processor.policy.grouping.enabled", String.valueOf(grouping))
                .start();
                WebhookReceiver receiver = WebhookReceiver.start();
                Heartbeats heartbeats = new Heartbeats(Duration.ofSeconds(2), 8)) {
            PushmonApi api = new PushmonApi(system);
            Channel channel = api.createWebhookChannel("eu-west team", receiver.url("/hooks/eu-west"));
            List<Monitor> tagged = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                tagged.add(api.createMonitor("eu-west job " + i, 5, 0, List.of(channel.id()), List.of("eu-west")));
            }
            heartbeats.start(api, tagged);
            List<Monitor> failing = tagged.subList(0, 200);
            heartbeats.stop(failing);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> downNotices(receiver) >= (grouping ? 1 : 200));
            // Anything still to come (joins, stragglers) comes within one more grouping window.
            Pause.sleep(Duration.ofSeconds(20));
            heartbeats.start(api, failing);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> receiver.count("/hooks/eu-west") - downNotices(receiver) >= (grouping ? 1 : 200));
            Pause.sleep(Duration.ofSeconds(5));
            Map<String, Long> byType = new TreeMap<>();
            for (Delivery delivery : receiver.deliveries("/hooks/eu-west")) {
                byType.merge(delivery.header("X-Pushmon-Event"), 1L, Long::sum);
            }
            return byType;
        }
    }

    private static long downNotices(WebhookReceiver receiver) {
        return receiver.deliveries("/hooks/eu-west").stream()
                .filter(delivery -> delivery.json().path("to").asText().equals("down")).count();
    }
}
