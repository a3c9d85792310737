package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;
import io.pushmon.common.internal.MonitorStates.Point;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.TopicClient;
import io.pushmon.system.PushmonSystem.Component;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processors' batch read of live states ({@code POST /internal/states}) with two processor processes sharing the
 * partitions: a read through either one answers for the monitors of both. Only the broker and the processors run;
 * the test writes definitions and pushes to the topics itself, as the gateway would.
 */
class LiveStatesAcrossProcessorsIT {

    private static final String FORWARDED = "X-Pushmon-Forwarded";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aBatchSpanningBothProcessorsIsAnsweredWholeThroughEither() {
        try (PushmonSystem system = PushmonSystem.builder().services(Component.PROCESSOR)
                .instances(Component.PROCESSOR, 2).start();
                TopicClient topics = new TopicClient(system.kafkaBootstrap())) {
            // One monitor on every partition, so the batch spans both processors however the partitions are shared.
            List<String> ids = onePerPartition(topics.partitions(Topic.HEARTBEATS));
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                topics.send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-batch", id, "token-" + id, 300, 0,
                        false, List.of(), Instant.now(), Instant.now()));
                topics.send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.UP, null, (double) i, null, null, 0));
            }

            // Asked as a forwarded read, each answers only for what it owns: so each owns some, and together all.
            // A read that times out while the instances still rebalance (or the machine is busy) is retried.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class).untilAsserted(() -> {
                MonitorStates first = read(system, 0, ids, true);
                MonitorStates second = read(system, 1, ids, true);
                assertThat(readIds(first)).isNotEmpty().doesNotContainAnyElementsOf(readIds(second));
                assertThat(readIds(second)).isNotEmpty();
                assertThat(Stream.concat(first.states().stream(), second.states().stream()))
                        .extracting(MonitorLiveState::monitorId, MonitorLiveState::status)
                        .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> tuple(id, MonitorStatus.UP))
                                .toList());
            });

            String neverSeen = "never-" + UUID.randomUUID();
            List<String> asked = Stream.concat(ids.stream(), Stream.of(neverSeen)).toList();
            for (int processor = 0; processor < 2; processor++) {
                MonitorStates whole = read(system, processor, asked, false);

                assertThat(readIds(whole)).as("through processor %d", processor).containsExactlyElementsOf(ids);
                assertThat(whole.unavailable()).isEmpty();
                assertThat(whole.unknown()).containsExactly(neverSeen);
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(whole.pointsOf(ids.get(i))).extracting(Point::value).containsExactly((double) i);
                }
            }
        }
    }

    private static List<String> onePerPartition(int partitions) {
        String[] ids = new String[partitions];
        int found = 0;
        while (found < partitions) {
            String id = "batch-" + UUID.randomUUID();
            int partition = TopicClient.partitionOf(id, partitions);
            if (ids[partition] == null) {
                ids[partition] = id;
                found++;
            }
        }
        return List.of(ids);
    }

    private static List<String> readIds(MonitorStates states) {
        return states.states().stream().map(MonitorLiveState::monitorId).toList();
    }

    private MonitorStates read(PushmonSystem system, int processor, List<String> ids, boolean forwarded) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(Component.PROCESSOR, processor)
                + MonitorStates.PATH + MonitorStates.query(5))).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        MonitorStates.request(ids)));
        if (forwarded) {
            request.header(FORWARDED, "true");
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return MonitorStates.fromJson(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
