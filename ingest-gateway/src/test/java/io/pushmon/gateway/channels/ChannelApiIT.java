package io.pushmon.gateway.channels;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pushmon.gateway.status.FakeInternalServices;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChannelApiIT {

    private static final String HOOK = "https://hooks.example.org/services/T000/B000/s3cr3tPart";

    @Inject
    TenantService tenants;

    private static JsonPath createWebhook(String key, String name) {
        return api(key).body(Map.of("name", name, "type", "webhook", "url", HOOK)).post("/api/channels")
                .then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aWebhookShowsItsSigningSecretOnceAndItsUrlMaskedAfterwards() {
        JsonPath created = createWebhook(DEFAULT_KEY, uniqueName("ops"));
        String id = created.getString("id");

        api(DEFAULT_KEY).get("/api/channels/" + id).then().statusCode(200)
                .body("type", equalTo("webhook"))
                .body("url", startsWith("https://hooks.example.org/"))
                .body("url", not(containsString("s3cr3tPart")))
                .body("secret", nullValue());
        assertThat(created.getString("secret")).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(created.getString("url")).doesNotContain("s3cr3tPart");
    }

    @Test
    void aMonitorCanUseAChannelTheMomentItExists() {
        String channelId = createWebhook(DEFAULT_KEY, uniqueName("ops")).getString("id");

        api(DEFAULT_KEY).body(Map.of("name", uniqueName("job"), "timeoutSeconds", 60, "channelIds", List.of(channelId)))
                .post("/api/monitors").then().statusCode(201).body("channelIds", hasItem(channelId));
    }

    @Test
    void invalidSettingsAreA400NamingTheSetting() {
        api(DEFAULT_KEY).body(Map.of("name", "x", "type", "webhook")).post("/api/channels")
                .then().statusCode(400).body("error", containsString("url is required"));
        api(DEFAULT_KEY).body(Map.of("name", "x", "type", "carrier-pigeon")).post("/api/channels")
                .then().statusCode(400).body("error", containsString("unknown channel type"));
        api(DEFAULT_KEY).body(Map.of("name", "x", "type", "webhook", "url", "ftp://example.org/x")).post("/api/channels")
                .then().statusCode(400).body("error", containsString("url"));
        api(DEFAULT_KEY).body(Map.of("name", "x", "type", "slack", "url", HOOK, "colour", "red")).post("/api/channels")
                .then().statusCode(400).body("error", containsString("unknown setting 'colour'"));
        api(DEFAULT_KEY).body(Map.of("name", "", "type", "webhook", "url", HOOK)).post("/api/channels")
                .then().statusCode(400).body("error", containsString("name"));
        api(DEFAULT_KEY).body(Map.of("name", "x", "type", "webhook", "url", Map.of("nested", true))).post("/api/channels")
                .then().statusCode(400).body("error", containsString("url must be a string"));
        api(DEFAULT_KEY).body("[1]").post("/api/channels").then().statusCode(400).body("ok", equalTo(false));
    }

    @Test
    void writingBackTheMaskedUrlKeepsTheRealOne() {
        JsonPath created = createWebhook(DEFAULT_KEY, uniqueName("ops"));
        String id = created.getString("id");
        String masked = created.getString("url");

        api(DEFAULT_KEY).body(Map.of("name", "renamed", "type", "webhook", "url", masked)).put("/api/channels/" + id)
                .then().statusCode(200).body("name", equalTo("renamed")).body("url", equalTo(masked));
        api(DEFAULT_KEY).body(Map.of("name", "renamed", "type", "slack", "url", HOOK)).put("/api/channels/" + id)
                .then().statusCode(400).body("error", containsString("type cannot change"));
    }

    @Test
    void aMaskedTokenCannotFollowTheChannelToAnotherServer() {
        String id = api(DEFAULT_KEY).body(Map.of("name", uniqueName("phone"), "type", "ntfy", "topic", "pushmon-alerts-4711",
                "server", "https://ntfy.example.org", "token", "tk_0123456789abcdefghij")).post("/api/channels")
                .then().statusCode(201).extract().path("id");
        JsonPath shown = api(DEFAULT_KEY).get("/api/channels/" + id).then().statusCode(200).extract().jsonPath();

        api(DEFAULT_KEY).body(Map.of("name", "phone", "type", "ntfy", "topic", shown.getString("topic"),
                "server", "https://attacker.example", "token", shown.getString("token"))).put("/api/channels/" + id)
                .then().statusCode(400).body("error", containsString("must be sent in full"));
        api(DEFAULT_KEY).body(Map.of("name", "renamed", "type", "ntfy", "topic", shown.getString("topic"),
                "server", "https://ntfy.example.org", "token", shown.getString("token"))).put("/api/channels/" + id)
                .then().statusCode(200).body("name", equalTo("renamed"));
    }

    @Test
    void aChannelStillNotifiedByAMonitorCannotBeDeleted() {
        String channelId = createWebhook(DEFAULT_KEY, uniqueName("ops")).getString("id");
        String monitorName = uniqueName("uses-it");
        String monitorId = api(DEFAULT_KEY)
                .body(Map.of("name", monitorName, "timeoutSeconds", 60, "channelIds", List.of(channelId)))
                .post("/api/monitors").then().statusCode(201).extract().path("id");

        api(DEFAULT_KEY).delete("/api/channels/" + channelId).then().statusCode(409)
                .body("error", containsString(monitorName));
        api(DEFAULT_KEY).body(Map.of("name", monitorName, "timeoutSeconds", 60, "channelIds", List.of()))
                .put("/api/monitors/" + monitorId).then().statusCode(200);
        api(DEFAULT_KEY).delete("/api/channels/" + channelId).then().statusCode(204);
        api(DEFAULT_KEY).get("/api/channels/" + channelId).then().statusCode(404);
    }

    @Test
    void anotherTenantsChannelIsNotFoundAndCannotBeAttached() {
        String channelId = createWebhook(DEFAULT_KEY, uniqueName("ops")).getString("id");
        String otherKey = ApiKeys.generateKey();
        tenants.ensureTenantKey(uniqueName("tenant-b"), "test", otherKey, false);

        api(otherKey).get("/api/channels/" + channelId).then().statusCode(404);
        api(otherKey).post("/api/channels/" + channelId + "/test").then().statusCode(404);
        api(otherKey).body(Map.of("name", "x", "timeoutSeconds", 60, "channelIds", List.of(channelId)))
                .post("/api/monitors").then().statusCode(400).body("error", containsString("unknown channel"));
    }

    @Test
    void aTestNotificationReportsTheDispatchersOutcome() {
        String channelId = createWebhook(DEFAULT_KEY, uniqueName("ops")).getString("id");

        api(DEFAULT_KEY).post("/api/channels/" + channelId + "/test").then().statusCode(200)
                .body("ok", equalTo(true)).body("statusCode", equalTo(204));
    }

    @Test
    void aReadOnlyKeyCanListButNotChangeChannels() {
        String channelId = createWebhook(DEFAULT_KEY, uniqueName("ops")).getString("id");
        String readOnly = api(DEFAULT_KEY).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");

        api(readOnly).get("/api/channels").then().statusCode(200).body("id", hasItem(channelId));
        api(readOnly).delete("/api/channels/" + channelId).then().statusCode(403);
        api(readOnly).post("/api/channels/" + channelId + "/test").then().statusCode(403);
    }
}
