package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pushmon.system.PushmonApi.Channel;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.WebhookReceiver.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert policy on the packaged services and a real broker, seen where a user sees it: at a webhook receiver. A
 * correlated outage arrives as one grouped notification and its end as one recovery. Its own system with the
 * default policy: fewer monitors than the storm guard's minimum, so the guard stays out of it (it has its own
 * scenario, {@code faults/StormGuardIT}).
 */
class AlertPolicyEndToEndIT {

    private static PushmonSystem system;
    private static WebhookReceiver receiver;
    private static PushmonApi api;
    private static Heartbeats heartbeats;

    @BeforeAll
    static void start() {
        system = PushmonSystem.start();
        receiver = WebhookReceiver.start();
        api = new PushmonApi(system);
        heartbeats = new Heartbeats(Duration.ofSeconds(3), 8);
    }

    @AfterAll
    static void stop() {
        heartbeats.close();
        receiver.close();
        system.close();
    }

    @Test
    void fiftyTaggedMonitorsDownTogetherAreOneGroupedNotificationAndOneRecovery() {
        Channel channel = api.createWebhookChannel("eu-west team", receiver.url("/hooks/grouped"));
        List<Monitor> fleet = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            fleet.add(api.createMonitor("eu-west job " + i, 5, 0, List.of(channel.id()), List.of("eu-west")));
        }
        heartbeats.start(api, fleet);
        List<Monitor> failing = fleet.subList(0, 50);
        heartbeats.stop(failing);
        Instant stopped = Instant.now();

        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.count("/hooks/grouped") >= 1);
        Delivery grouped = receiver.deliveries("/hooks/grouped").get(0);
        JsonNode notice = grouped.json().path("notice");
        assertThat(notice.path("kind").asText()).isEqualTo("group-down");
        assertThat(notice.path("group").path("down").asInt()).isEqualTo(50);
        assertThat(notice.path("group").path("total").asInt()).isEqualTo(60);
        System.out.printf("grouped outage: 50 of 60 down, one notification %d ms after they stopped%n",
                Duration.between(stopped, grouped.receivedAt()).toMillis());
        // Later downs would join the group; none come, and no monitor of it is notified on its own.
        Pause.sleep(Duration.ofSeconds(8));
        assertThat(receiver.count("/hooks/grouped")).isEqualTo(1);

        heartbeats.start(api, failing);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.count("/hooks/grouped") >= 2);
        JsonNode recovery = receiver.deliveries("/hooks/grouped").get(1).json().path("notice");
        assertThat(recovery.path("kind").asText()).isEqualTo("group-up");
        assertThat(recovery.path("group").path("members")).hasSize(50);
        Pause.sleep(Duration.ofSeconds(3));
        assertThat(receiver.count("/hooks/grouped")).isEqualTo(2);

        heartbeats.stop(fleet);
        fleet.forEach(monitor -> api.delete(monitor.id()));
    }
}
