package io.pushmon.processor.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.internal.HeartbeatBody;
import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;
import io.pushmon.common.internal.MonitorStates.Point;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The internal read endpoints of the running application, on the real broker, over real HTTP. */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
class MonitorQueryResourceIT {

    private static TopicClient topics;

    @BeforeAll
    static void connect() {
        topics = TopicClient.shared();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
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

    /** The body answer, read by the very code the gateway turns back into bytes with. */
    @Test
    void aRunsStateAndBodyAreReadableAndTheBodyComesBackByteForByte() {
        awaitReady();
        String id = "run-" + UUID.randomUUID();
        String rid = UUID.randomUUID().toString();
        byte[] output = { 'e', 'r', 'r', (byte) 0xc3, (byte) 0x28 };
        send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-q", "backup", "secret", 3600, 600, false,
                List.of(), Instant.now(), Instant.now()));
        send(Topic.HEARTBEATS, id, Heartbeat.signal(PushStatus.START, null, null, null, rid, null, null, null, 0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get(MonitorLiveState.path(id)).then().statusCode(200).body("status", equalTo("started"))
                .body("openRuns", equalTo(1)));

        send(Topic.HEARTBEATS, id, Heartbeat.signal(PushStatus.DOWN, null, null, 2, rid, output, null, null, 0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get(MonitorLiveState.path(id)).then().statusCode(200).body("status", equalTo("down"))
                .body("lastExitStatus", equalTo(2)).body("openRuns", equalTo(0)));
        given().get("/internal/monitors/{id}/heartbeats", id).then().statusCode(200)
                .body("[0].seq", equalTo(1)).body("[0].exitStatus", equalTo(2)).body("[0].rid", equalTo(rid))
                .body("[0].bodySize", equalTo(5)).body("[1].status", equalTo("start"));

        Response body = given().get(HeartbeatBody.path(id, 1));
        assertThat(body.statusCode()).isEqualTo(200);
        assertThat(HeartbeatBody.fromJson(body.asString()).bytes()).isEqualTo(output);
        given().get(HeartbeatBody.path(id, 0)).then().statusCode(404)
                .body("error", equalTo("no body is kept for this heartbeat"));
    }

    /** The processor's real answer, read by the very code the gateway reads it with. */
    @Test
    void theGatewaysReaderReadsTheStateAnswer() {
        awaitReady();
        String id = "contract-" + UUID.randomUUID();
        send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-q", "contract", "secret", 120, 30, false,
                List.of(), Instant.now(), Instant.now()));
        long pushedAt = topics.send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.UP, "ran", 7.5, null, null, 0))
                .timestamp();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get(MonitorLiveState.path(id)).then().statusCode(200).body("status", equalTo("up")));

        Response answer = given().get(MonitorLiveState.path(id));
        Optional<MonitorLiveState> read = MonitorLiveState.fromAnswer(id, answer.statusCode(), answer.asString());

        assertThat(read).contains(new MonitorLiveState(id, MonitorStatus.UP, Instant.ofEpochMilli(pushedAt),
                Instant.ofEpochMilli(pushedAt).plusSeconds(150), "ran", 7.5, 0, null, 0, null, null, null));
        Response unknown = given().get(MonitorLiveState.path("no-such-" + id));
        assertThat(MonitorLiveState.fromAnswer(id, unknown.statusCode(), unknown.asString()))
                .contains(MonitorLiveState.neverSeen(id));
    }

    @Test
    void manyMonitorsAreReadInOneCall() {
        awaitReady();
        String pushed = "batch-" + UUID.randomUUID();
        String ran = "batch-run-" + UUID.randomUUID();
        String quiet = "batch-quiet-" + UUID.randomUUID();
        String neverSeen = "batch-never-" + UUID.randomUUID();
        for (String id : List.of(pushed, ran, quiet)) {
            send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-q", id, "secret", 300, 0, false, List.of(),
                    Instant.now(), Instant.now()));
        }
        List<Long> pushedAt = new ArrayList<>();
        for (double value : new double[] { 1.5, 2.5, 3.5 }) {
            pushedAt.add(topics.send(Topic.HEARTBEATS, pushed, Heartbeat.push(PushStatus.UP, null, value, null, null,
                    0)).timestamp());
        }
        String rid = UUID.randomUUID().toString();
        send(Topic.HEARTBEATS, ran, Heartbeat.signal(PushStatus.START, null, null, null, rid, null, null, null, 0));
        send(Topic.HEARTBEATS, ran, Heartbeat.signal(PushStatus.DOWN, null, null, 1, rid, null, null, null, 0));
        List<String> ids = List.of(neverSeen, pushed, ran, quiet);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            MonitorStates soFar = readStates(ids, 20);
            assertThat(soFar.states()).extracting(MonitorLiveState::status)
                    .containsExactly(MonitorStatus.UP, MonitorStatus.DOWN, MonitorStatus.NEW);
            assertThat(soFar.pointsOf(pushed)).hasSize(3);
        });
        MonitorStates read = readStates(ids, 20);

        assertThat(read.states()).extracting(MonitorLiveState::monitorId).containsExactly(pushed, ran, quiet);
        assertThat(read.states().get(0)).isEqualTo(MonitorLiveState.fromJson(given()
                .get(MonitorLiveState.path(pushed)).asString()));
        assertThat(read.unknown()).containsExactly(neverSeen);
        assertThat(read.unavailable()).isEmpty();
        assertThat(read.pointsOf(pushed)).containsExactly(
                new Point(pushedAt.get(2), 3.5, null, PushStatus.UP),
                new Point(pushedAt.get(1), 2.5, null, PushStatus.UP),
                new Point(pushedAt.get(0), 1.5, null, PushStatus.UP));
        assertThat(read.pointsOf(ran)).extracting(Point::status).containsExactly(PushStatus.DOWN, PushStatus.START);
        assertThat(read.pointsOf(ran).get(0).durationMillis()).isNotNull().isNotNegative();
        assertThat(read.points()).doesNotContainKeys(quiet, neverSeen);
    }

    /** 130 signals: the newest 50 wrap round the end of the 100-slot ring, the newest 20 do not. */
    @Test
    void pointsAreCappedAndZeroGivesNone() {
        awaitReady();
        String id = "batch-many-" + UUID.randomUUID();
        send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-q", id, "secret", 300, 0, false, List.of(),
                Instant.now(), Instant.now()));
        int partition = TopicClient.partitionOf(id, topics.partitions(Topic.HEARTBEATS));
        int signals = 130;
        for (int i = 0; i < signals - 1; i++) {
            topics.sendAsync(Topic.HEARTBEATS, partition, id, Heartbeat.push(PushStatus.UP, null, (double) i, null,
                    null, 0));
        }
        send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.UP, null, signals - 1.0, null, null, 0));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readStates(List.of(id), 1)
                .pointsOf(id)).extracting(Point::value).containsExactly(signals - 1.0));

        assertThat(readStates(List.of(id), 500).pointsOf(id)).extracting(Point::value)
                .containsExactlyElementsOf(descending(signals - 1, MonitorStates.MAX_POINTS));
        assertThat(MonitorStates.fromJson(given().contentType(ContentType.JSON).body(MonitorStates.request(List.of(id)))
                .post(MonitorStates.PATH).then().statusCode(200).extract().asString()).pointsOf(id))
                .extracting(Point::value).containsExactlyElementsOf(descending(signals - 1,
                        MonitorStates.DEFAULT_POINTS));
        MonitorStates none = readStates(List.of(id), 0);
        assertThat(none.states()).hasSize(1);
        assertThat(none.points()).isEmpty();
    }

    @Test
    void aBadBodyIsA400WithAMessage() {
        awaitReady();
        for (String body : List.of("", "monitor-1", "{\"ids\":[\"monitor-1\"]}", "[\"monitor-1\", 7]", "[\" \"]",
                "[\"" + "m".repeat(201) + "\"]")) {
            given().contentType(ContentType.JSON).body(body).post(MonitorStates.PATH).then().statusCode(400)
                    .body("ok", equalTo(false)).body("error", containsString("monitor id"));
        }
        for (String points : List.of("-1", "twenty")) {
            given().contentType(ContentType.JSON).body("[\"monitor-1\"]").queryParam("points", points)
                    .post(MonitorStates.PATH).then().statusCode(400).body("error", containsString("points"));
        }
    }

    @Test
    void tooManyIdsIsA400() {
        awaitReady();
        List<String> ids = IntStream.rangeClosed(1, MonitorStates.MAX_IDS + 1).mapToObj(i -> "m-" + i).toList();

        given().contentType(ContentType.JSON).body(MonitorStates.request(ids)).post(MonitorStates.PATH).then()
                .statusCode(400).body("error", equalTo("at most 5000 monitor ids per read, not 5001"));
        given().contentType(ContentType.JSON).body(MonitorStates.request(ids.subList(0, MonitorStates.MAX_IDS)))
                .queryParam("points", 0).post(MonitorStates.PATH).then().statusCode(200)
                .body("unknown.size()", equalTo(MonitorStates.MAX_IDS));
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
                .body(containsString("pushmon_detector_fire_delay_seconds_bucket"))
                .body(containsString("pushmon_detector_evaluation_failures_total"))
                .body(containsString("pushmon_detector_events_total{reason=\"timeout\"}")));
    }

    @Test
    void aBacktestReplaysTheRetainedSignalsThroughEachRuleAndChangesNothing() throws InterruptedException {
        awaitReady();
        String id = "backtest-" + UUID.randomUUID();
        send(Topic.MONITORS, id, new MonitorDefinition(id, "tenant-q", "backtest", "secret", 300, 0, false,
                List.of(), Instant.now(), Instant.now()));
        long first = topics.send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.UP, null, null, null, null, 0))
                .timestamp();
        Thread.sleep(2_500);
        long second = topics.send(Topic.HEARTBEATS, id, Heartbeat.push(PushStatus.UP, null, null, null, null, 0))
                .timestamp();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get(MonitorLiveState.path(id)).then().statusCode(200)
                .body("lastHeartbeatAt", equalTo(Instant.ofEpochMilli(second).toString())));
        Backtests.Query query = new Backtests.Query(List.of(new Backtests.Rule(1, null, 0, 0, 1, 1),
                new Backtests.Rule(1, null, 0, 0, 4, 1), new Backtests.Rule(300, null, 0, 0, 1, 1)));

        Response answer = given().contentType(ContentType.JSON).body(query.toJson())
                .post(Backtests.path(id));

        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        Backtests.Report report = Backtests.Report.fromAnswer(answer.statusCode(), answer.asString()).orElseThrow();
        assertThat(report.signals()).isEqualTo(2);
        assertThat(report.from()).isEqualTo(Instant.ofEpochMilli(first));
        assertThat(report.to()).isAfterOrEqualTo(Instant.ofEpochMilli(second));
        assertThat(report.incidents()).containsExactly(
                List.of(new Backtests.Incident(Instant.ofEpochMilli(first + 1000), Instant.ofEpochMilli(second),
                        EventReason.TIMEOUT)),
                List.of(), List.of());
        given().get(MonitorLiveState.path(id)).then().statusCode(200).body("status", equalTo("up"))
                .body("incident", equalTo(0));
    }

    @Test
    void aBacktestOfAnUnknownMonitorIs404AndOfABadRuleA400ThatSaysWhy() {
        awaitReady();
        String query = new Backtests.Query(List.of(new Backtests.Rule(60, null, 0, 0, 1, 1))).toJson();

        given().contentType(ContentType.JSON).body(query).post(Backtests.path("no-such-" + UUID.randomUUID()))
                .then().statusCode(404).body("error", equalTo("unknown monitor"));
        given().contentType(ContentType.JSON).body("{\"rules\":[]}").post(Backtests.path("any"))
                .then().statusCode(400).body("error", containsString("1 to 10 rules"));
        given().contentType(ContentType.JSON).body("{\"rules\":[{\"timeoutSeconds\":0,\"cron\":{\"expression\":"
                + "\"0 25 * * *\",\"timeZone\":\"UTC\"},\"failureThreshold\":1,\"recoveryThreshold\":1}]}")
                .post(Backtests.path("any"))
                .then().statusCode(400).body("error", containsString("0 25 * * *"));
        given().contentType(ContentType.JSON).body(new Backtests.Query(List.of(new Backtests.Rule(60, null, 0, 0,
                Backtests.MAX_THRESHOLD + 1, 1))).toJson()).post(Backtests.path("any"))
                .then().statusCode(400).body("error", containsString("between 1 and 100"));
    }

    private static void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200));
    }

    /** The batch read as the gateway makes it, answered 200 and read by the gateway's code. */
    private static MonitorStates readStates(List<String> ids, int points) {
        Response answer = given().contentType(ContentType.JSON).body(MonitorStates.request(ids))
                .post(MonitorStates.PATH + MonitorStates.query(points));
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
        return MonitorStates.fromAnswer(answer.statusCode(), answer.asString()).orElseThrow();
    }

    private static List<Double> descending(int newest, int count) {
        return IntStream.range(0, count).mapToObj(i -> (double) (newest - i)).toList();
    }

    private static <V> void send(Topic<String, V> topic, String key, V value) {
        topics.send(topic, key, value);
    }
}
