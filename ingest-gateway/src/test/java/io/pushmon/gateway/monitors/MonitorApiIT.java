package io.pushmon.gateway.monitors;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.push.PushTokens;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MonitorApiIT {

    @Inject
    TenantService tenants;

    @Test
    void aCreatedMonitorComesBackWithItsTokenAndPushUrl() {
        String name = uniqueName("nightly backup");
        JsonPath created = api(DEFAULT_KEY).body(Map.of("name", name, "timeoutSeconds", 3600, "graceSeconds", 300))
                .post("/api/monitors").then().statusCode(201)
                .header("Location", containsString("/api/monitors/")).extract().jsonPath();

        String token = created.getString("pushToken");
        assertThat(PushTokens.hasValidShape(token)).isTrue();
        assertThat(created.getString("pushUrl")).isEqualTo("http://127.0.0.1:8080/api/push/" + token);
        assertThat(created.getString("name")).isEqualTo(name);
        assertThat(created.getLong("timeoutSeconds")).isEqualTo(3600);
        assertThat(created.getLong("graceSeconds")).isEqualTo(300);
        assertThat(created.getBoolean("paused")).isFalse();
        assertThat(created.getList("channelIds")).isEmpty();
        assertThat(Instant.parse(created.getString("createdAt"))).isCloseTo(Instant.now(),
                org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.SECONDS));

        api(DEFAULT_KEY).get("/api/monitors/" + created.getString("id")).then().statusCode(200)
                .body("pushToken", equalTo(token)).body("name", equalTo(name));
    }

    @Test
    void aCronMonitorShowsItsScheduleInWordsAndItsNextFiveRuns() {
        String id = api(DEFAULT_KEY).body(Map.of("name", uniqueName("cron"), "cron", "0 3 * * *", "timeZone",
                "Europe/Berlin", "graceSeconds", 600)).post("/api/monitors").then().statusCode(201)
                .body("cron", equalTo("0 3 * * *")).body("timeZone", equalTo("Europe/Berlin"))
                .body("timeoutSeconds", nullValue())
                .body("schedule.description", equalTo("at 03:00 (Europe/Berlin)"))
                .body("schedule.nextExpected", hasSize(5))
                .extract().path("id");

        api(DEFAULT_KEY).post("/api/monitors/" + id + "/pause").then().statusCode(200)
                .body("cron", equalTo("0 3 * * *")).body("paused", equalTo(true));
        api(DEFAULT_KEY).body(Map.of("name", "hourly now", "timeoutSeconds", 3600)).put("/api/monitors/" + id)
                .then().statusCode(200).body("cron", nullValue()).body("timeoutSeconds", equalTo(3600))
                .body("schedule.description", equalTo("a push at least every 3600 seconds"));
    }

    @Test
    void aMovedJobKeepsItsHealthchecksToken() {
        String uuid = UUID.randomUUID().toString();

        api(DEFAULT_KEY).body(Map.of("name", uniqueName("moved"), "timeoutSeconds", 60, "pushToken", uuid))
                .post("/api/monitors").then().statusCode(201).body("pushToken", equalTo(uuid))
                .body("pushUrl", endsWith("/api/push/" + uuid));

        given().post("/api/push/" + uuid).then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void aTokenInUseIsAConflict() {
        String token = createMonitor(DEFAULT_KEY, uniqueName("taken")).getString("pushToken");

        api(DEFAULT_KEY).body(Map.of("name", uniqueName("again"), "timeoutSeconds", 60, "pushToken", token))
                .post("/api/monitors").then().statusCode(409).body("error", containsString("already in use"));
    }

    @Test
    void aKeptTokenMustHaveAPushableShape() {
        api(DEFAULT_KEY).body(Map.of("name", "x", "timeoutSeconds", 60, "pushToken", "short"))
                .post("/api/monitors").then().statusCode(400).body("error", containsString("pushToken must be"));
    }

    @Test
    void aPutCannotSetTheToken() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("put-token")).getString("id");

        api(DEFAULT_KEY).body(Map.of("name", "x", "timeoutSeconds", 60, "pushToken", PushTokens.generate()))
                .put("/api/monitors/" + id).then().statusCode(400).body("error", containsString("pushToken is kept"));
    }

    /** The test profile points the gateway at a processor that refuses every connection. */
    @Test
    void aMonitorIsShownAsUnknownWhileTheProcessorCannotAnswer() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("no-processor")).getString("id");

        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("status", equalTo("unknown")).body("lastHeartbeatAt", nullValue());
    }

    @Test
    void theListIsTheTenantsMonitorsSortedByName() {
        String prefix = uniqueName("sorted");
        createMonitor(DEFAULT_KEY, prefix + "-b");
        createMonitor(DEFAULT_KEY, prefix + "-a");

        List<String> names = api(DEFAULT_KEY).get("/api/monitors").then().statusCode(200).extract()
                .jsonPath().getList("name", String.class);

        assertThat(names.stream().filter(n -> n.startsWith(prefix))).containsExactly(prefix + "-a", prefix + "-b");
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void putReplacesTheSettingsAndKeepsTheToken() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("put"));
        String id = monitor.getString("id");

        api(DEFAULT_KEY).body(Map.of("name", "renamed", "timeoutSeconds", 120)).put("/api/monitors/" + id)
                .then().statusCode(200).body("name", equalTo("renamed")).body("timeoutSeconds", equalTo(120))
                .body("graceSeconds", equalTo(0)).body("pushToken", equalTo(monitor.getString("pushToken")));
    }

    @Test
    void tagsAreKeptLowerCasedDistinctAndSorted() {
        String id = api(DEFAULT_KEY).body(Map.of("name", uniqueName("tagged"), "timeoutSeconds", 60,
                "tags", List.of("Prod", "db.primary", "prod", "eu-west_1")))
                .post("/api/monitors").then().statusCode(201)
                .body("tags", equalTo(List.of("db.primary", "eu-west_1", "prod"))).extract().path("id");

        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200)
                .body("tags", equalTo(List.of("db.primary", "eu-west_1", "prod")));
        api(DEFAULT_KEY).get("/api/monitors").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.tags", equalTo(List.of("db.primary", "eu-west_1", "prod")));
    }

    @Test
    void aPutReplacesTheTagsAndAPutWithoutTagsRemovesThem() {
        String id = api(DEFAULT_KEY).body(Map.of("name", uniqueName("retag"), "timeoutSeconds", 60,
                "tags", List.of("a", "b"))).post("/api/monitors").then().statusCode(201).extract().path("id");

        api(DEFAULT_KEY).body(Map.of("name", "retagged", "timeoutSeconds", 60, "tags", List.of("c")))
                .put("/api/monitors/" + id).then().statusCode(200).body("tags", equalTo(List.of("c")));
        api(DEFAULT_KEY).body(Map.of("name", "untagged", "timeoutSeconds", 60))
                .put("/api/monitors/" + id).then().statusCode(200).body("tags", equalTo(List.of()));
        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200).body("tags", equalTo(List.of()));
    }

    @Test
    void theListFilteredByTagsHoldsTheMonitorsWithAllOfThem() {
        String tag = uniqueName("team").toLowerCase();
        String both = api(DEFAULT_KEY).body(Map.of("name", uniqueName("both"), "timeoutSeconds", 60,
                "tags", List.of(tag, "nightly"))).post("/api/monitors").then().statusCode(201).extract().path("id");
        String one = api(DEFAULT_KEY).body(Map.of("name", uniqueName("one"), "timeoutSeconds", 60,
                "tags", List.of(tag))).post("/api/monitors").then().statusCode(201).extract().path("id");
        String otherKey = ApiKeys.generateKey();
        tenants.ensureTenantKey(uniqueName("tenant-tags"), "test", otherKey, false);
        api(otherKey).body(Map.of("name", "theirs", "timeoutSeconds", 60, "tags", List.of(tag)))
                .post("/api/monitors").then().statusCode(201);

        // Sorted by name: "both-..." before "one-...".
        api(DEFAULT_KEY).queryParam("tag", tag).get("/api/monitors").then().statusCode(200)
                .body("id", equalTo(List.of(both, one)));
        api(DEFAULT_KEY).queryParam("tag", tag.toUpperCase()).queryParam("tag", "nightly").get("/api/monitors")
                .then().statusCode(200).body("id", equalTo(List.of(both)));
        api(DEFAULT_KEY).queryParam("tag", "no-monitor-has-this").get("/api/monitors").then().statusCode(200)
                .body("", hasSize(0));
        api(DEFAULT_KEY).queryParam("tag", "not a tag").get("/api/monitors").then().statusCode(400)
                .body("error", containsString("tag must each be"));
    }

    @Test
    void resumeMovesUpdatedAtSoTheDeadlineReArmsFromIt() throws InterruptedException {
        String id = createMonitor(DEFAULT_KEY, uniqueName("resume")).getString("id");
        Instant paused = Instant.parse(api(DEFAULT_KEY).post("/api/monitors/" + id + "/pause").then()
                .statusCode(200).extract().path("updatedAt"));
        Thread.sleep(20);

        Instant resumed = Instant.parse(api(DEFAULT_KEY).post("/api/monitors/" + id + "/resume").then()
                .statusCode(200).body("paused", equalTo(false)).extract().path("updatedAt"));

        assertThat(resumed).isAfter(paused);
    }

    @Test
    void withoutAKeyTheApiAnswers401() {
        given().get("/api/monitors").then().statusCode(401).contentType(ContentType.JSON)
                .header("WWW-Authenticate", containsString("Bearer")).body("ok", equalTo(false));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/monitors").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "timeoutSeconds", 60))
                .post("/api/monitors").then().statusCode(401);
    }

    @Test
    void aWrongKeyIs401() {
        api("pmk_not-a-key-anyone-has").get("/api/monitors").then().statusCode(401)
                .body("error", containsString("not valid"));
    }

    @Test
    void aReadOnlyKeyCanReadWithoutTokensButCannotWrite() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("read-only")).getString("id");
        String readOnly = api(DEFAULT_KEY).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .body("readOnly", equalTo(true)).extract().path("key");

        api(readOnly).get("/api/monitors/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("pushToken", nullValue()).body("pushUrl", nullValue());
        api(readOnly).body(Map.of("name", "x", "timeoutSeconds", 60)).post("/api/monitors").then().statusCode(403)
                .body("error", containsString("read-only"));
        api(readOnly).post("/api/monitors/" + id + "/pause").then().statusCode(403);
        api(readOnly).delete("/api/monitors/" + id).then().statusCode(403);
        api(readOnly).body(Map.of("readOnly", false)).post("/api/keys").then().statusCode(403);
        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200).body("paused", equalTo(false));
    }

    @Test
    void aTenantCannotSeeOrChangeAnotherTenantsMonitor() {
        String otherKey = ApiKeys.generateKey();
        tenants.ensureTenantKey(uniqueName("tenant-b"), "test", otherKey, false);
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("tenant-a-only"));
        String id = monitor.getString("id");

        api(otherKey).get("/api/monitors/" + id).then().statusCode(404).body("ok", equalTo(false));
        api(otherKey).body(Map.of("name", "stolen", "timeoutSeconds", 60)).put("/api/monitors/" + id)
                .then().statusCode(404);
        api(otherKey).post("/api/monitors/" + id + "/pause").then().statusCode(404);
        api(otherKey).post("/api/monitors/" + id + "/token").then().statusCode(404);
        api(otherKey).delete("/api/monitors/" + id).then().statusCode(404);
        api(otherKey).get("/api/monitors").then().statusCode(200).body("id", not(hasItem(id)));

        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200).body("paused", equalTo(false))
                .body("pushToken", equalTo(monitor.getString("pushToken")));
    }

    @Test
    void channelIdsMustBeChannelsOfTheCallersTenant() throws Exception {
        String own = uniqueName("channel-own");
        String foreign = uniqueName("channel-foreign");
        Instant now = Instant.now();
        topics().send(Topic.CHANNELS, own, new ChannelDefinition(own, "default", "ops", "webhook",
                Map.of("url", "http://127.0.0.1:1/hook"), null, now, now));
        topics().send(Topic.CHANNELS, foreign, new ChannelDefinition(foreign, "someone-else", "theirs", "webhook",
                Map.of(), null, now, now));

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api(DEFAULT_KEY)
                .body(Map.of("name", uniqueName("with-channel"), "timeoutSeconds", 60, "channelIds", List.of(own)))
                .post("/api/monitors").then().statusCode(201).body("channelIds", equalTo(List.of(own))));
        api(DEFAULT_KEY).body(Map.of("name", "x", "timeoutSeconds", 60, "channelIds", List.of(foreign)))
                .post("/api/monitors").then().statusCode(400).body("error", containsString("unknown channel"));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"timeoutSeconds\":60}", "name is required"),
                Arguments.of("{\"name\":\"   \",\"timeoutSeconds\":60}", "name is required"),
                Arguments.of("{\"name\":null,\"timeoutSeconds\":60}", "name is required"),
                Arguments.of("{\"name\":\"" + "n".repeat(101) + "\",\"timeoutSeconds\":60}", "name must be 1 to 100"),
                Arguments.of("{\"name\":\"x\"}", "timeoutSeconds or cron is required"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"cron\":\"@daily\"}", "not both"),
                Arguments.of("{\"name\":\"x\",\"cron\":\"0 3 * * 8\"}", "cron '0 3 * * 8'"),
                Arguments.of("{\"name\":\"x\",\"cron\":\"0 3 * * *\",\"timeZone\":\"Berlin\"}",
                        "timeZone 'Berlin' is not an IANA time zone"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":0}", "timeoutSeconds must be between 1"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":31536001}", "timeoutSeconds must be between 1"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":1.5}", "timeoutSeconds"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":\"60\"}", "timeoutSeconds"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"graceSeconds\":-1}", "graceSeconds must be"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"graceSeconds\":31536001}", "graceSeconds must be"),
                Arguments.of("{\"name\":\"x\",\"timeout\":60}", "unknown field 'timeout'"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"channelIds\":[\"nope\"]}", "unknown channel"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"channelIds\":\"nope\"}", "channelIds"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[\"has space\"]}",
                        "tags must each be 1 to 40 characters of a-z, 0-9, '_', '.' and '-'"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[\"-dash-first\"]}", "'-dash-first' is not"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[\"" + "t".repeat(41) + "\"]}",
                        "tags must each be"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[\"\"]}", "tags must each be"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[null]}", "tags must not contain null"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[\"all\"]}", "'all' is reserved"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":\"prod\"}", "tags"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60,\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\","
                        + "\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}", "tags: at most 10 tags, this has 11"),
                Arguments.of("{\"name\":\"x\",\"timeoutSeconds\":60", "malformed JSON"),
                Arguments.of("not json", "malformed JSON"),
                Arguments.of("[]", "wrong shape"),
                Arguments.of("", "a JSON body is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void anInvalidMonitorIsA400NamingTheField(String body, String error) {
        api(DEFAULT_KEY).body(body).post("/api/monitors").then().statusCode(400).contentType(ContentType.JSON)
                .body("ok", equalTo(false)).body("error", containsString(error));
    }

    @Test
    void keysAreListedByIdAndARevokedKeyStopsWorking() {
        JsonPath key = api(DEFAULT_KEY).body("{}").post("/api/keys").then().statusCode(201).extract().jsonPath();
        String keyId = key.getString("id");
        api(key.getString("key")).get("/api/monitors").then().statusCode(200);

        api(DEFAULT_KEY).get("/api/keys").then().statusCode(200).body("id", hasItem(keyId))
                .body("find { it.id == 'configured' }.current", equalTo(true))
                .body("key", not(hasItem(notNullValue())));
        api(DEFAULT_KEY).delete("/api/keys/" + keyId).then().statusCode(204);

        api(key.getString("key")).get("/api/monitors").then().statusCode(401);
        api(DEFAULT_KEY).delete("/api/keys/" + TenantService.CONFIGURED_KEY_ID).then().statusCode(409);
        api(DEFAULT_KEY).delete("/api/keys/key_unknown").then().statusCode(404);
    }

    @Test
    void anUnknownMonitorIs404() {
        api(DEFAULT_KEY).get("/api/monitors/does-not-exist").then().statusCode(404).body("ok", equalTo(false));
    }
}
