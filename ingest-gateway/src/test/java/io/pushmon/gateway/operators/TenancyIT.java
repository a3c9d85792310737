package io.pushmon.gateway.operators;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.TenantDefinition;
import io.pushmon.common.model.UserAccount;
import io.pushmon.common.topics.Topic;
import com.icegreen.greenmail.util.GreenMail;

import io.pushmon.gateway.accounts.Accounts;
import io.pushmon.gateway.accounts.LocalSmtpServer;
import io.pushmon.gateway.status.FakeInternalServices;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.TopicClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = LocalSmtpServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TenancyIT {

    @LocalSmtpServer.Inject
    GreenMail smtp;

    /** The operator key of the test profile (application.properties). */
    static final String OPERATOR_KEY = "test-operator-key-0123456789";
    private static final String HOOK = "https://hooks.example.org/services/T000/B000/x";

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON);
    }

    /** A new tenant on {@code plan} (null: the default); returns its first API key. */
    static String newTenant(String plan) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", uniqueName("tenant"));
        if (plan != null) {
            body.put("plan", plan);
        }
        return operator().body(body).post("/operator/tenants").then().statusCode(201).extract().jsonPath()
                .getString("apiKey.key");
    }

    /** The id of the tenant a key belongs to, as the operator lists it. */
    private static String tenantIdByKey(String key) {
        String keyId = api(key).get("/api/keys").then().statusCode(200).extract().jsonPath().getString("[0].id");
        return latest(Topic.TENANTS).values().stream()
                .filter(t -> t != null && t.apiKeys().stream().anyMatch(k -> k.id().equals(keyId)))
                .map(TenantDefinition::id).findFirst().orElseThrow();
    }

    private static Response push(String token) {
        return given().post("/api/push/" + token);
    }

    @Test
    void theOperatorApiTakesOnlyTheOperatorKey() {
        given().get("/operator/tenants").then().statusCode(401);
        given().header("Authorization", "Bearer " + DEFAULT_KEY).get("/operator/tenants").then().statusCode(401);
        operator().get("/operator/tenants").then().statusCode(200).body("id", hasItem("default"));
        operator().get("/operator/plans").then().statusCode(200).body("name", hasItem("tiny"));
    }

    @Test
    void anOperatorCreatesATenantWhoseKeyWorksAtOnce() {
        JsonPath created = operator().body(Map.of("id", "acme-" + uniqueName("x").substring(2), "name", "Acme",
                "plan", "tiny")).post("/operator/tenants").then().statusCode(201)
                .body("tenant.plan", equalTo("tiny")).body("tenant.suspended", equalTo(false))
                .body("apiKey.key", notNullValue()).extract().jsonPath();

        api(created.getString("apiKey.key")).get("/api/monitors").then().statusCode(200);
        operator().get("/operator/tenants/" + created.getString("id")).then().statusCode(200)
                .body("name", equalTo("Acme"));
        operator().body(Map.of("id", created.getString("id"), "name", "again")).post("/operator/tenants").then()
                .statusCode(409);
        operator().body(Map.of("name", "x", "plan", "platinum")).post("/operator/tenants").then().statusCode(400)
                .body("error", containsString("no plan named 'platinum'"));
        operator().body(Map.of("id", "Bad Id", "name", "x")).post("/operator/tenants").then().statusCode(400);
    }

    @Test
    void aPlanLimitsMonitorsAndChannelsWithA403ThatNamesTheLimit() {
        String key = newTenant("tiny");
        createMonitor(key, uniqueName("one"));
        createMonitor(key, uniqueName("two"));

        api(key).body(Map.of("name", uniqueName("three"), "timeoutSeconds", 60)).post("/api/monitors").then()
                .statusCode(403).body("error", equalTo("limit reached: the plan 'tiny' allows 2 monitors (maxMonitors)"));
        api(key).body(Map.of("name", "hook", "type", "webhook", "url", HOOK)).post("/api/channels").then()
                .statusCode(201);
        api(key).body(Map.of("name", "hook2", "type", "webhook", "url", HOOK)).post("/api/channels").then()
                .statusCode(403).body("error", containsString("(maxChannels)"));
    }

    @Test
    void aSlugPingCannotCreateAMonitorBeyondThePlan() {
        String key = newTenant("tiny");
        String pingKey = api(key).body("{}").post("/api/ping-key").then().statusCode(200).extract().jsonPath()
                .getString("pingKey");
        createMonitor(key, uniqueName("one"));
        createMonitor(key, uniqueName("two"));

        given().get("/ping/" + pingKey + "/nightly-backup?create=1").then().statusCode(403)
                .contentType(containsString("text/plain")).body(containsString("(maxMonitors)"));
    }

    @Test
    void pushesBeyondTheMonitorsRateAnswer429WithRetryAfter() {
        String key = newTenant("tiny");
        String token = createMonitor(key, uniqueName("fast")).getString("pushToken");
        for (int i = 0; i < 3; i++) {
            push(token).then().statusCode(200);
        }

        Response refused = push(token);
        refused.then().statusCode(429).body("error", containsString("3 per minute"));
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 60);
        given().get("/ping/" + token).then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void pushesBeyondTheTenantsRateAnswer429ForEveryMonitorOfIt() {
        String key = newTenant("burst");
        String first = createMonitor(key, uniqueName("a")).getString("pushToken");
        String second = createMonitor(key, uniqueName("b")).getString("pushToken");
        int accepted = 0;
        List<String> refusals = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Response answer = push(i % 2 == 0 ? first : second);
            if (answer.statusCode() == 200) {
                accepted++;
            } else {
                refusals.add(answer.statusCode() + " " + answer.jsonPath().getString("error"));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // 5 per second for the tenant: a burst of 5, then 5 more every second while the loop runs.
        assertThat(accepted).isBetween(5, 5 + (int) Math.ceil(5 * seconds));
        assertThat(refusals).isNotEmpty().allMatch(r -> r.equals("429 too many pushes for this account: its plan "
                + "accepts 5 per second over all monitors"));
    }

    @Test
    void anotherTenantsFloodDoesNotLimitThisTenant() {
        String flooded = newTenant("tiny");
        String token = createMonitor(flooded, uniqueName("flood")).getString("pushToken");
        for (int i = 0; i < 10; i++) {
            push(token);
        }
        push(token).then().statusCode(429);

        String other = createMonitor(DEFAULT_KEY, uniqueName("calm")).getString("pushToken");
        push(other).then().statusCode(200);
    }

    @Test
    void thePlansBodyLimitCutsTheOutputAndIsAnnounced() {
        String key = newTenant("tiny");
        String token = createMonitor(key, uniqueName("job")).getString("pushToken");

        given().body("0123456789-and-more").post("/ping/" + token).then().statusCode(200)
                .header("Ping-Body-Limit", "10");
    }

    @Test
    void aSuspendedTenantsPushesAnswer403AndItsKeysOnlyRead() {
        String key = newTenant(null);
        String tenantId = tenantIdByKey(key);
        JsonPath monitor = createMonitor(key, uniqueName("job"));
        String token = monitor.getString("pushToken");

        operator().post("/operator/tenants/" + tenantId + "/suspend").then().statusCode(200)
                .body("suspended", equalTo(true));

        push(token).then().statusCode(403).body("error", containsString("suspended"));
        given().get("/ping/" + token).then().statusCode(403);
        api(key).get("/api/monitors/" + monitor.getString("id")).then().statusCode(200)
                .body("suspended", equalTo(true)).body("paused", equalTo(false));
        api(key).body(Map.of("name", "new", "timeoutSeconds", 60)).post("/api/monitors").then().statusCode(403)
                .body("error", containsString("suspended"));
        MonitorDefinition written = lastValue(Topic.MONITORS, monitor.getString("id"));
        assertThat(written.suspended()).as("the processor learns of it through the monitor").isTrue();

        operator().post("/operator/tenants/" + tenantId + "/resume").then().statusCode(200)
                .body("suspended", equalTo(false));
        push(token).then().statusCode(200);
        assertThat(lastValue(Topic.MONITORS, monitor.getString("id")).suspended()).isFalse();
    }

    @Test
    void anOperatorAssignsAPlanAndItsLimitsApplyAtOnce() {
        String key = newTenant("tiny");
        String tenantId = tenantIdByKey(key);
        createMonitor(key, uniqueName("one"));
        createMonitor(key, uniqueName("two"));

        operator().body(Map.of("plan", "unlimited")).put("/operator/tenants/" + tenantId + "/plan").then()
                .statusCode(200).body("plan", equalTo("unlimited")).body("planAssigned", equalTo("unlimited"));
        createMonitor(key, uniqueName("three"));
        operator().body("{\"plan\": null}").put("/operator/tenants/" + tenantId + "/plan").then().statusCode(200)
                .body("planAssigned", nullValue()).body("plan", equalTo("unlimited"));
        operator().body(Map.of("plan", "nope")).put("/operator/tenants/" + tenantId + "/plan").then()
                .statusCode(400);
    }

    @Test
    void aRotatedTokenKeepsWorkingForItsOverlapBesideTheNewOne() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("rotating"));
        String id = monitor.getString("id");
        String old = monitor.getString("pushToken");

        JsonPath rotated = api(DEFAULT_KEY).body(Map.of("overlapSeconds", 3600))
                .post("/api/monitors/" + id + "/token").then().statusCode(200)
                .body("previousToken.pushToken", equalTo(old)).body("previousToken.validUntil", notNullValue())
                .extract().jsonPath();
        String current = rotated.getString("pushToken");

        push(old).then().statusCode(200);
        push(current).then().statusCode(200);
        api(DEFAULT_KEY).get("/api/monitors/" + id).then().body("previousToken.pushToken", equalTo(old));

        api(DEFAULT_KEY).body(Map.of("overlapSeconds", 0)).post("/api/monitors/" + id + "/token").then()
                .statusCode(200).body("previousToken", nullValue());
        push(old).then().statusCode(404);
        push(current).then().statusCode(404);
    }

    @Test
    void aRotationWithoutABodyKeepsTheOldTokenForADay() {
        JsonPath monitor = createMonitor(DEFAULT_KEY, uniqueName("default-overlap"));
        String id = monitor.getString("id");

        long validUntil = Instant.parse(api(DEFAULT_KEY).post("/api/monitors/" + id + "/token").then()
                .statusCode(200).extract().jsonPath().getString("previousToken.validUntil")).toEpochMilli();

        assertThat(validUntil - System.currentTimeMillis()).isBetween(Duration.ofHours(24).minusMinutes(1).toMillis(),
                Duration.ofHours(24).toMillis());
        push(monitor.getString("pushToken")).then().statusCode(200);
        api(DEFAULT_KEY).body(Map.of("overlapSeconds", -1)).post("/api/monitors/" + id + "/token").then()
                .statusCode(400);
    }

    @Test
    void aDeletedTenantLeavesNothingOnTheCompactedTopics() {
        String session = Accounts.signUpAndIn(smtp, Accounts.uniqueEmail("leaving"));
        String userId = Accounts.session(session).get("/api/accounts/me").then().extract().path("id");
        String tenantId = Accounts.session(session).get("/api/accounts/me").then().extract()
                .path("memberships[0].tenantId");
        String key = Accounts.session(session).contentType(ContentType.JSON).body("{}").post("/api/keys").then()
                .statusCode(201).extract().path("key");
        String channelId = api(key).body(Map.of("name", "hook", "type", "webhook", "url", HOOK))
                .post("/api/channels").then().statusCode(201).extract().jsonPath().getString("id");
        List<String> monitorIds = List.of(createMonitor(key, uniqueName("a")).getString("id"),
                api(key).body(Map.of("name", uniqueName("b"), "timeoutSeconds", 60, "channelIds", List.of(channelId)))
                        .post("/api/monitors").then().statusCode(201).extract().jsonPath().getString("id"));
        String token = api(key).get("/api/monitors/" + monitorIds.get(0)).then().extract().jsonPath()
                .getString("pushToken");

        operator().delete("/operator/tenants/" + tenantId).then().statusCode(200)
                .body("monitors", equalTo(2)).body("channels", equalTo(1)).body("apiKeys", equalTo(1))
                .body("members", equalTo(1));

        api(key).get("/api/monitors").then().statusCode(401);
        push(token).then().statusCode(404);
        operator().get("/operator/tenants/" + tenantId).then().statusCode(404);
        Map<String, MonitorDefinition> monitors = latest(Topic.MONITORS);
        monitorIds.forEach(id -> assertThat(monitors).containsEntry(id, null));
        assertThat(monitors.values()).noneMatch(m -> m != null && tenantId.equals(m.tenantId()));
        Map<String, ChannelDefinition> channels = latest(Topic.CHANNELS);
        assertThat(channels).containsEntry(channelId, null);
        assertThat(channels.values()).noneMatch(c -> c != null && tenantId.equals(c.tenantId()));
        assertThat(latest(Topic.TENANTS)).containsEntry(tenantId, null);
        Map<String, UserAccount> users = latest(Topic.USERS);
        assertThat(users).as("its only member leaves with it").containsEntry(userId, null);
        assertThat(users.values()).noneMatch(u -> u != null && u.roleIn(tenantId).isPresent());
        Accounts.session(session).get("/api/monitors").then().statusCode(401);
    }

    @Test
    void everyChangeIsInTheTenantsAuditLogWithActorAndAddress() {
        String key = newTenant(null);
        String tenantId = tenantIdByKey(key);
        String keyId = api(key).get("/api/keys").then().extract().jsonPath().getString("[0].id");
        String monitorId = createMonitor(key, uniqueName("audited")).getString("id");
        api(key).post("/api/monitors/" + monitorId + "/pause").then().statusCode(200);
        operator().post("/operator/tenants/" + tenantId + "/suspend").then().statusCode(200);
        operator().post("/operator/tenants/" + tenantId + "/resume").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> entries = api(key).get("/api/audit").then().statusCode(200).extract()
                    .jsonPath().getList("$");
            Set<String> actions = entries.stream().map(e -> e.get("actor") + " " + e.get("action"))
                    .collect(Collectors.toSet());
            assertThat(actions).contains("key:" + keyId + " POST /api/monitors",
                    "key:" + keyId + " POST /api/monitors/" + monitorId + "/pause",
                    "operator POST /operator/tenants/" + tenantId + "/suspend",
                    "operator POST /operator/tenants/" + tenantId + "/resume");
            assertThat(entries).allSatisfy(e -> assertThat(e.get("address")).isEqualTo("127.0.0.1"));
            assertThat(entries).filteredOn(e -> "POST /api/monitors".equals(e.get("action")))
                    .extracting(e -> e.get("targetId")).contains(monitorId);
        });
        api(DEFAULT_KEY).get("/api/audit").then().statusCode(200).extract().jsonPath().getList("targetId")
                .forEach(target -> assertThat(target).isNotEqualTo(monitorId));
    }

    private static <V> V lastValue(Topic<String, V> topic, String key) {
        return latest(topic).get(key);
    }

    /** The latest value per key on a compacted topic (null for a tombstone), as a new reader would see it. */
    private static <V> Map<String, V> latest(Topic<String, V> topic) {
        Map<String, V> latest = new HashMap<>();
        topics().readAll(topic, TopicClient.Isolation.UNCOMMITTED).forEach(r -> latest.put(r.key(), r.value()));
        return latest;
    }
}
