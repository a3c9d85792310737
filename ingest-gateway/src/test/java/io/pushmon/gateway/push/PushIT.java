package io.pushmon.gateway.push;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.heartbeatsOf;
import static io.pushmon.gateway.GatewayTestSupport.rawRequest;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;
import io.pushmon.gateway.GatewayTestSupport.RawAnswer;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.TopicClient.Received;
import io.pushmon.kafka.testing.TopicClient.Tail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PushIT {

    /** One monitor for the table of bad inputs, created on first use. */
    private static JsonPath badInputMonitor;
    private static Tail<String, Heartbeat> badInputLog;

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void aPushLandsOnHeartbeatsKeyedByMonitorIdBeforeThe200() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("lands"));
        String id = monitor.getString("id");
        try (Tail<String, Heartbeat> log = heartbeatsOf(id)) {
            long before = System.currentTimeMillis();
            given().urlEncodingEnabled(false).header("User-Agent", "backup-job/1.0").header("X-Forwarded-For", "203.0.113.9")
                    .post("/api/push/" + monitor.getString("pushToken") + "?status=down&msg=disk%20full&value=42.5")
                    .then().statusCode(200).body("ok", equalTo(true)).body("paused", nullValue());
            // Read at once: an acks=all acknowledgement means the record is below the high watermark already.
            var endRightAfter200 = log.endOffsets();
            long after = System.currentTimeMillis();

            List<Received<String, Heartbeat>> mine = log.readUpTo(endRightAfter200).stream()
                    .filter(r -> id.equals(r.key())).toList();

            assertThat(mine).hasSize(1);
            Received<String, Heartbeat> record = mine.get(0);
            Heartbeat heartbeat = record.value();
            assertThat(heartbeat.kind()).isEqualTo(Heartbeat.Kind.PUSH);
            assertThat(heartbeat.status()).isEqualTo(PushStatus.DOWN);
            assertThat(heartbeat.msg()).isEqualTo("disk full");
            assertThat(heartbeat.value()).isEqualTo(42.5);
            assertThat(heartbeat.clientIp()).as("X-Forwarded-For from an untrusted peer is ignored")
                    .isEqualTo("127.0.0.1");
            assertThat(heartbeat.userAgent()).isEqualTo("backup-job/1.0");
            assertThat(heartbeat.receivedAt()).isBetween(before, after);
            assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(record.timestamp()).isBetween(before - 1000, after + 1000);
        }
    }

    @Test
    void getAndHeadRecordHeartbeatsToo() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("get-head"));
        String token = monitor.getString("pushToken");
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().get("/api/push/" + token + "?msg=via-get").then().statusCode(200).body("ok", equalTo(true));
            given().head("/api/push/" + token + "?msg=via-head").then().statusCode(200);

            assertThat(log.readKey(monitor.getString("id"))).extracting(r -> r.value().msg())
                    .containsExactly("via-get", "via-head");
        }
    }

    @Test
    void aFormBodyCarriesTheParameters() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("form"));
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().contentType(ContentType.URLENC).body("status=down&msg=from+the+form&ping=7")
                    .post("/api/push/" + monitor.getString("pushToken")).then().statusCode(200);

            Heartbeat heartbeat = log.readKey(monitor.getString("id")).get(0).value();
            assertThat(heartbeat.status()).isEqualTo(PushStatus.DOWN);
            assertThat(heartbeat.msg()).isEqualTo("from the form");
            assertThat(heartbeat.value()).isEqualTo(7.0);
        }
    }

    @Test
    void uptimeKumasEmptyPingAndUnknownParametersAreAccepted() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("kuma"));
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().get("/api/push/" + monitor.getString("pushToken") + "?status=up&msg=OK&ping=&t=1712345678")
                    .then().statusCode(200);

            Heartbeat heartbeat = log.readKey(monitor.getString("id")).get(0).value();
            assertThat(heartbeat.status()).isEqualTo(PushStatus.UP);
            assertThat(heartbeat.value()).isNull();
        }
    }

    @Test
    void aVeryLongUserAgentIsCutTo256Characters() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("agent"));
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().header("User-Agent", "x".repeat(2000)).post("/api/push/" + monitor.getString("pushToken"))
                    .then().statusCode(200);

            assertThat(log.readKey(monitor.getString("id")).get(0).value().userAgent()).hasSize(256);
        }
    }

    @Test
    void anUnknownTokenIs404() {
        given().post("/api/push/" + PushTokens.generate()).then().statusCode(404)
                .contentType(ContentType.JSON).body("ok", equalTo(false)).body("error", containsString("token"));
    }

    @Test
    void aMonitorCreatedThroughTheApiIsPushableWithinASecond() {
        String token = createMonitor(DEFAULT_KEY, uniqueName("fresh")).getString("pushToken");
        // From the 201 on: the claim is about the monitor, not about how fast a busy test machine creates it.
        long start = System.nanoTime();
        given().post("/api/push/" + token).then().statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aDeletedMonitorsTokenAnswers404AtOnce() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("deleted"));
        given().post("/api/push/" + monitor.getString("pushToken")).then().statusCode(200);

        api(DEFAULT_KEY).delete("/api/monitors/" + monitor.getString("id")).then().statusCode(204);

        given().post("/api/push/" + monitor.getString("pushToken")).then().statusCode(404);
    }

    @Test
    void aTokenRotatedWithoutOverlapAnswers404AtOnceAndTheNewOneWorks() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("rotated"));
        String newToken = api(DEFAULT_KEY).body("{\"overlapSeconds\": 0}")
                .post("/api/monitors/" + monitor.getString("id") + "/token")
                .then().statusCode(200).extract().path("pushToken");

        assertThat(newToken).isNotEqualTo(monitor.getString("pushToken"));
        given().post("/api/push/" + monitor.getString("pushToken")).then().statusCode(404);
        given().post("/api/push/" + newToken).then().statusCode(200);
    }

    @Test
    void aPausedMonitorAnswersOkPausedAndStillRecordsTheHeartbeat() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("paused"));
        String id = monitor.getString("id");
        String token = monitor.getString("pushToken");
        api(DEFAULT_KEY).post("/api/monitors/" + id + "/pause").then().statusCode(200).body("paused", equalTo(true));
        try (Tail<String, Heartbeat> log = heartbeatsOf(id)) {
            given().post("/api/push/" + token + "?msg=during-maintenance").then().statusCode(200)
                    .body("ok", equalTo(true)).body("paused", equalTo(true));
            assertThat(log.readKey(id)).extracting(r -> r.value().msg()).containsExactly("during-maintenance");
        }

        api(DEFAULT_KEY).post("/api/monitors/" + id + "/resume").then().statusCode(200).body("paused", equalTo(false));
        given().post("/api/push/" + token).then().statusCode(200).body("paused", nullValue());
    }

    @Test
    void aBrokenPercentEscapeInTheQueryIsRejectedByTheHttpLayerAndWritesNothing() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("broken-escape"));
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            // Vert.x refuses such a request line itself, before any application code: a 400 without a body.
            assertThat(rawRequest(baseUrl.getPort(), "GET", "/api/push/" + monitor.getString("pushToken")
                    + "?msg=%ZZ", null).status()).isEqualTo(400);

            given().post("/api/push/" + monitor.getString("pushToken") + "?msg=sentinel").then().statusCode(200);
            assertThat(log.readKey(monitor.getString("id"))).extracting(r -> r.value().msg())
                    .containsExactly("sentinel");
        }
    }

    static Stream<Arguments> badInputs() {
        String valid = "?";
        return Stream.of(
                bad("an unknown status", "GET", valid + "status=sideways", null, "status must be 'up', 'down', 'start' or 'log'"),
                bad("a misspelled status", "POST", valid + "status=upp", null, "status must be"),
                bad("a status with a NUL byte", "POST", valid + "status=down%00", null, "status must be"),
                bad("a word as value", "POST", valid + "value=abc", null, "value must be a finite"),
                bad("NaN as value", "POST", valid + "value=NaN", null, "value must be a finite"),
                bad("Infinity as value", "POST", valid + "value=Infinity", null, "value must be a finite"),
                bad("-Infinity as value", "POST", valid + "value=-Infinity", null, "value must be a finite"),
                bad("10e999 as value", "POST", valid + "value=10e999", null, "value is out of range"),
                bad("1e309 as value", "GET", valid + "value=1e309", null, "value is out of range"),
                bad("a decimal comma", "POST", valid + "value=1,5", null, "value must be a finite"),
                bad("a hexadecimal float", "POST", valid + "value=0x1p3", null, "value must be a finite"),
                bad("a value with a leading blank", "POST", valid + "value=%201", null, "value must be a finite"),
                bad("a word as ping", "POST", valid + "ping=fast", null, "ping must be a finite"),
                bad("NaN as ping", "POST", valid + "ping=NaN", null, "ping must be a finite"),
                bad("value and ping disagree", "POST", valid + "value=1&ping=2", null, "value and ping"),
                bad("msg of 1001 characters", "POST", valid + "msg=" + "a".repeat(1001), null,
                        "msg is longer than 1000 characters"),
                bad("msg of 1001 two-byte characters", "POST", valid + "msg=" + "%C3%A9".repeat(1001), null,
                        "msg is longer than 1000 characters"),
                bad("a bad percent escape in the form", "POST", "", "msg=%ZZ", "msg has a malformed percent-encoding"),
                bad("a cut percent escape in the form", "POST", "", "msg=abc%4", "msg has a malformed percent-encoding"),
                bad("ISO-8859-1 instead of UTF-8", "POST", valid + "msg=%E9t%E9", null, "msg is not valid UTF-8"),
                bad("an overlong UTF-8 sequence", "POST", valid + "msg=%C0%AF", null, "msg is not valid UTF-8"),
                bad("an encoded surrogate", "POST", valid + "msg=%ED%A0%80", null, "msg is not valid UTF-8"),
                bad("a raw ISO-8859-1 byte in the query", "GET", valid + "msg=caf\u00e9", null, "msg is not valid UTF-8"),
                bad("a cut UTF-8 sequence", "GET", valid + "msg=%C3", null, "msg is not valid UTF-8"),
                bad("conflicting statuses", "POST", valid + "status=up&status=down", null,
                        "status is given more than once"),
                bad("conflicting values", "POST", valid + "value=1&value=2", null, "value is given more than once"),
                bad("query and form disagree", "POST", valid + "status=up", "status=down",
                        "status is given more than once"),
                bad("a bad status in the form", "POST", "", "status=maybe", "status must be"),
                bad("NaN in the form", "POST", "", "value=NaN", "value must be a finite"),
                bad("bad UTF-8 in the form", "POST", "", "msg=%FF", "msg is not valid UTF-8"),
                Arguments.of("a token that is too short", "POST", "abc", "", null, "token has the wrong shape"),
                Arguments.of("a token that is too long", "POST", "a".repeat(33), "", null, "token has the wrong shape"),
                Arguments.of("a token with a dot", "GET", "abcdefghijklmnopqrstuvwxyz.12345", "", null,
                        "token has the wrong shape"));
    }

    private static Arguments bad(String name, String method, String query, String form, String error) {
        return Arguments.of(name, method, null, query, form, error);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void aBadPushIsA400NamingTheProblemAndWritesNothing(String name, String method, String token, String query,
            String form, String error) {
        if (badInputMonitor == null) {
            badInputMonitor = createMonitor(DEFAULT_KEY, uniqueName("bad-inputs"));
            badInputLog = heartbeatsOf(badInputMonitor.getString("id"));
        }
        String id = badInputMonitor.getString("id");
        String pushToken = token != null ? token : badInputMonitor.getString("pushToken");
        RawAnswer answer = rawRequest(baseUrl.getPort(), method, "/api/push/" + pushToken + query, form);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("\"ok\":false").contains(error);

        // Had the bad push been written, it would sit before this good one in the same partition.
        given().post("/api/push/" + badInputMonitor.getString("pushToken") + "?msg=sentinel").then().statusCode(200);
        assertThat(badInputLog.readKey(id)).extracting(r -> r.value().msg()).containsExactly("sentinel");
    }
}
