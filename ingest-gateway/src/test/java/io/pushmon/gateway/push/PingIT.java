package io.pushmon.gateway.push;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.heartbeatsOf;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.model.Slugs;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.TopicClient.Tail;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Healthchecks' ping URLs, and the same signals on pushmon's own push URL, down to the records they write. */
@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PingIT {

    private static final String RID = "3F2504E0-4F89-11D3-9A0C-0305E82C3301";

    @Test
    void aPingIsASuccessAnsweredOkInPlainTextWithTheBodyLimit() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("ping"));
        String ping = "/ping/" + monitor.getString("pushToken");
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().get(ping).then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo("OK"))
                    .header("Ping-Body-Limit", "10000");
            given().head(ping).then().statusCode(200);
            given().body("all good").post(ping).then().statusCode(200).body(equalTo("OK"));

            List<Heartbeat> written = log.readKey(monitor.getString("id")).stream().map(r -> r.value()).toList();
            assertThat(written).extracting(Heartbeat::status).containsOnly(PushStatus.UP).hasSize(3);
            assertThat(new String(written.get(2).body(), StandardCharsets.UTF_8)).isEqualTo("all good");
        }
    }

    @Test
    void startFailLogAndExitStatusesBecomeTheirSignals() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("signals"));
        String ping = "/ping/" + monitor.getString("pushToken");
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().get(ping + "/start?rid=" + RID).then().statusCode(200).body(equalTo("OK"));
            given().post(ping + "/log").then().statusCode(200);
            given().post(ping + "/fail").then().statusCode(200);
            given().get(ping + "/0?rid=" + RID).then().statusCode(200);
            given().body("exit 3").post(ping + "/3").then().statusCode(200);

            List<Heartbeat> written = log.readKey(monitor.getString("id")).stream().map(r -> r.value()).toList();
            assertThat(written).extracting(Heartbeat::status).containsExactly(PushStatus.START, PushStatus.LOG,
                    PushStatus.DOWN, PushStatus.UP, PushStatus.DOWN);
            assertThat(written).extracting(Heartbeat::exitStatus).containsExactly(null, null, null, 0, 3);
            assertThat(written.get(0).rid()).as("kept in lower case, so start and end match")
                    .isEqualTo(RID.toLowerCase());
            assertThat(written.get(3).rid()).isEqualTo(RID.toLowerCase());
        }
    }

    @Test
    void aBodyIsCutToTheLimitAndBytesThatAreNotUtf8AreKept() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("body"));
        String ping = "/ping/" + monitor.getString("pushToken");
        byte[] large = new byte[12_000];
        Arrays.fill(large, (byte) 0xff);
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().contentType("application/octet-stream").body(large).post(ping + "/1").then().statusCode(200);

            Heartbeat written = log.readKey(monitor.getString("id")).get(0).value();
            assertThat(written.body()).hasSize(10_000).containsOnly((byte) 0xff);
        }
    }

    @Test
    void anExitStatusAbove255AndARunIdThatIsNoUuidAreBadRequests() {
        String ping = "/ping/" + createMonitor(DEFAULT_KEY, uniqueName("bad")).getString("pushToken");

        given().get(ping + "/256").then().statusCode(400).contentType(startsWith("text/plain"))
                .body(equalTo("invalid url format"));
        given().get(ping + "?rid=run-7").then().statusCode(400).body(equalTo("invalid uuid format"));
    }

    @Test
    void anUnknownTokenAndAPathThatIsNoPingAreNotFound() {
        String ping = "/ping/" + createMonitor(DEFAULT_KEY, uniqueName("unknown")).getString("pushToken");

        given().get("/ping/" + "a".repeat(32)).then().statusCode(404).contentType(startsWith("text/plain"))
                .body(equalTo("not found"));
        given().get("/ping/not-a-token").then().statusCode(404).body(equalTo("not found"));
        given().get(ping + "/restart").then().statusCode(404).body(equalTo("not found"));
    }

    @Test
    void aPausedMonitorIsAnsweredOkAsHealthchecksDoes() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("paused"));
        api(DEFAULT_KEY).post("/api/monitors/" + monitor.getString("id") + "/pause").then().statusCode(200);

        given().get("/ping/" + monitor.getString("pushToken")).then().statusCode(200).body(equalTo("OK"));
    }

    @Test
    void pushmonsOwnUrlTakesTheSameSignals() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("own-url"));
        String push = "/api/push/" + monitor.getString("pushToken");
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().get(push + "?status=start&rid=" + RID).then().statusCode(200).body("ok", equalTo(true));
            given().contentType("text/plain").body("rsync: 3 files").post(push + "?exit=0&rid=" + RID)
                    .then().statusCode(200);
            given().get(push + "?status=log&msg=halfway").then().statusCode(200);
            given().get(push + "?exit=3").then().statusCode(200);

            List<Heartbeat> written = log.readKey(monitor.getString("id")).stream().map(r -> r.value()).toList();
            assertThat(written).extracting(Heartbeat::status).containsExactly(PushStatus.START, PushStatus.UP,
                    PushStatus.LOG, PushStatus.DOWN);
            assertThat(written).extracting(Heartbeat::exitStatus).containsExactly(null, 0, null, 3);
            assertThat(new String(written.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("rsync: 3 files");
        }
    }

    @Test
    void anExitStatusWithAStatusOrOutOfRangeIsABadRequestOnPushmonsUrl() {
        String push = "/api/push/" + createMonitor(DEFAULT_KEY, uniqueName("own-bad")).getString("pushToken");

        given().get(push + "?exit=3&status=up").then().statusCode(400)
                .body("error", equalTo("give status or exit, not both: exit 0 is up, any other down"));
        given().get(push + "?exit=300").then().statusCode(400)
                .body("error", equalTo("exit must be a whole number from 0 to 255"));
        given().get(push + "?exit=-1").then().statusCode(400);
        given().get(push + "?rid=7").then().statusCode(400).body("error", equalTo("rid must be a UUID"));
    }

    @Test
    void aSlugPingWithCreateMakesTheMonitorOnFirstUseAndFindsItAfter() {
        String pingUrl = newPingKey();
        String slug = uniqueName("Nightly DB").toLowerCase().replaceAll("[^a-z0-9-]", "-");

        given().get(pingUrl + "/" + slug + "?create=1").then().statusCode(201).body(equalTo("Created"));
        given().get(pingUrl + "/" + slug + "?create=1").then().statusCode(200).body(equalTo("OK"));
        given().get(pingUrl + "/" + slug + "/start").then().statusCode(200).body(equalTo("OK"));

        List<Object> named = api(DEFAULT_KEY).get("/api/monitors").jsonPath().getList("findAll { it.name == '" + slug
                + "' }");
        assertThat(named).hasSize(1);
        JsonPath monitor = api(DEFAULT_KEY).get("/api/monitors").jsonPath();
        String prefix = "find { it.name == '" + slug + "' }.";
        assertThat(monitor.getLong(prefix + "timeoutSeconds")).isEqualTo(86_400L);
        assertThat(monitor.getLong(prefix + "graceSeconds")).isEqualTo(3_600L);
        List<Heartbeat> written = topics().readByKey(Topic.HEARTBEATS, monitor.getString(prefix + "id"),
                all -> all.size() >= 3, Duration.ofSeconds(10));
        assertThat(written).extracting(Heartbeat::status).containsExactly(PushStatus.UP, PushStatus.UP,
                PushStatus.START);
    }

    @Test
    void aSlugIsTheMonitorsNameAndSignalsFollowIt() {
        String pingUrl = newPingKey();
        String name = uniqueName("Weekly Report");
        JsonPath monitor = createMonitor(DEFAULT_KEY, name);
        String slug = Slugs.of(name);
        try (Tail<String, Heartbeat> log = heartbeatsOf(monitor.getString("id"))) {
            given().get(pingUrl + "/" + slug).then().statusCode(200).body(equalTo("OK"));
            given().body("half done").post(pingUrl + "/" + slug + "/log").then().statusCode(200);
            given().post(pingUrl + "/" + slug + "/3").then().statusCode(200);

            List<Heartbeat> written = log.readKey(monitor.getString("id")).stream().map(r -> r.value()).toList();
            assertThat(written).extracting(Heartbeat::status).containsExactly(PushStatus.UP, PushStatus.LOG,
                    PushStatus.DOWN);
            assertThat(written.get(2).exitStatus()).isEqualTo(3);
        }
    }

    @Test
    void aSlugWithoutCreateIsNotFoundAndOneThatTwoMonitorsShareIsAConflict() {
        String pingUrl = newPingKey();
        String name = uniqueName("Shared Name");
        createMonitor(DEFAULT_KEY, name);
        createMonitor(DEFAULT_KEY, name.toUpperCase());

        given().get(pingUrl + "/" + Slugs.of(name)).then().statusCode(409)
                .contentType(startsWith("text/plain")).body(equalTo("ambiguous slug"));
        given().get(pingUrl + "/no-such-job").then().statusCode(404).body(equalTo("not found"));
    }

    @Test
    void aRotatedPingKeyIsNotFoundAndAKeptOneWorks() {
        String old = newPingKey();
        createMonitor(DEFAULT_KEY, "rotation-probe");
        String kept = "Hc_project_ping_key_22";

        String keptUrl = api(DEFAULT_KEY).body(Map.of("pingKey", kept)).post("/api/ping-key").then()
                .statusCode(200).body("pingKey", equalTo(kept)).extract().path("pingUrl");

        given().get(old + "/rotation-probe").then().statusCode(404).body(equalTo("not found"));
        given().get("/ping/" + kept + "/rotation-probe").then().statusCode(200);
        assertThat(keptUrl).endsWith("/ping/" + kept);
        api(DEFAULT_KEY).body(Map.of("pingKey", "short")).post("/api/ping-key").then().statusCode(400);
    }

    @Test
    void aReadOnlyKeyCannotSeeThePingKey() {
        newPingKey();
        String readOnly = api(DEFAULT_KEY).body(Map.of("readOnly", true)).post("/api/keys").then()
                .statusCode(201).extract().path("key");

        api(readOnly).get("/api/ping-key").then().statusCode(403);
        api(DEFAULT_KEY).get("/api/ping-key").then().statusCode(200);
    }

    /** A new ping key for the default tenant; the path its slug URLs start with. */
    private static String newPingKey() {
        String url = api(DEFAULT_KEY).post("/api/ping-key").then().statusCode(200).extract().path("pingUrl");
        return url.substring(url.indexOf("/ping/"));
    }
}
