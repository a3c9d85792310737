package io.pushmon.processor.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The internal read endpoints of the running application, on the real broker, over real HTTP. */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
class MonitorQueryResourceIT {

    private static KafkaProducer<String, Object> producer;

    @BeforeAll
    static void connect() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), (topic, value) -> value instanceof
                        MonitorDefinition d ? PushmonSerdes.monitor().serialize(topic, d)
                                : PushmonSerdes.heartbeat().serialize(topic, (Heartbeat) value));
    }

    @AfterAll
    static void disconnect() {
        producer.close();
    }

    @Test
    void theStateHeartbeatsAndEventsOfAMonitorAreReadableAndUnknownIdsAre404() {
        awaitReady();
        String id = "query-" + UUID.randomUUID();
        send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-q", "nightly", "secret", 300, 0, false,
                List.of("c1"), Instant.now(), Instant.now()));
        send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.UP, "hello", 42.0, null, null, 0));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/monitors/{id}/state", id).then().statusCode(200).body("status", equalTo("up")));
        Response state = given().get("/internal/monitors/{id}/state", id);
        assertThat(state.jsonPath().getString("monitorId")).isEqualTo(id);
        assertThat(state.jsonPath().getString("lastMsg")).isEqualTo("hello");
        assertThat(state.jsonPath().getDouble("lastValue")).isEqualTo(42.0);
        assertThat(state.jsonPath().getInt("incident")).isZero();
        Instant lastHeartbeat = Instant.parse(state.jsonPath().getString("lastHeartbeatAt"));
        assertThat(Instant.parse(state.jsonPath().getString("nextDeadlineAt")))
                .isEqualTo(lastHeartbeat.plusSeconds(300));

        send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.DOWN, "disk full", null, null, null, 0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/internal/monitors/{id}/events", id).then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].reason", equalTo("reported-down"))
                .body("[0].to", equalTo("down")).body("[0].lastMsg", equalTo("disk full")));
        given().get("/internal/monitors/{id}/heartbeats", id).then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].status", equalTo("down")).body("[0].msg", equalTo("disk full"))
                .body("[1].status", equalTo("up")).body("[1].value", equalTo(42.0f));
        given().get("/internal/monitors/{id}/state", id).then().statusCode(200)
                .body("status", equalTo("down")).body("incident", equalTo(1));

        for (String view : List.of("state", "heartbeats", "events")) {
            given().get("/internal/monitors/{id}/" + view, "no-such-" + UUID.randomUUID()).then().statusCode(404)
                    .body("ok", equalTo(false)).body("error", equalTo("unknown monitor"));
        }
    }

    @Test
    void metricsExposeDetectorBlindnessPerPartitionAndPunctuationWork() {
        awaitReady();
        send(Topic.HEARTBEATS, "metrics-" + UUID.randomUUID(), Heartbeat.push(PushStatus.UP, null, null, null,
                null, 0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("pushmon_detector_blind_seconds{partition=\"0\"}"))
                .body(containsString("pushmon_detector_due_entries_count"))
                .body(containsString("pushmon_detector_punctuation_duration_seconds_count"))
                .body(containsString("pushmon_detector_evaluation_failures_total"))
                .body(containsString("pushmon_detector_events_total{reason=\"timeout\"}")));
    }

    private static void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200));
    }

    private static void send(Topic topic, String key, Object value) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
