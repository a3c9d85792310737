package io.pushmon.gateway.maintenance;

import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.topics.Topic;
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
class MaintenanceApiIT {

    private static final String PATH = "/api/maintenance-windows";

    @Inject
    TenantService tenants;

    /** A tenant of its own, so windows of other tests neither show in its list nor count against its limit. */
    private String freshTenantKey() {
        return freshTenantKey(uniqueName("tenant"));
    }

    private String freshTenantKey(String tenantId) {
        String key = ApiKeys.generateKey();
        tenants.ensureTenantKey(tenantId, "test", key, false);
        return key;
    }

    private static Map<String, Object> oneOff(String scope, String target, Instant start, Instant end) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "db upgrade", "scope", scope,
                "startsAt", start.toString(), "endsAt", end.toString()));
        if (target != null) {
            body.put("target", target);
        }
        return body;
    }

    private static JsonPath create(String key, Map<String, Object> body) {
        return api(key).body(body).post(PATH).then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aOneOffWindowOpenNowIsActiveUntilItsEndAndWrittenToTheTopic() {
        String tenantId = uniqueName("tenant");
        String key = freshTenantKey(tenantId);
        Instant end = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        JsonPath created = create(key, oneOff("tenant", null, Instant.now().minusSeconds(60), end));
        String id = created.getString("id");

        assertThat(created.getBoolean("active")).isTrue();
        assertThat(created.getString("activeUntil")).isEqualTo(end.toString());
        assertThat(created.getString("scope")).isEqualTo("tenant");
        List<MaintenanceWindow> written = topics().readByKey(Topic.MAINTENANCE_WINDOWS,
                MaintenanceWindow.key(tenantId, id), all -> !all.isEmpty(), Duration.ofSeconds(10));
        assertThat(written).singleElement().satisfies(w -> {
            assertThat(w.scope()).isEqualTo(MaintenanceWindow.Scope.TENANT);
            assertThat(w.endsAt()).isEqualTo(end);
        });
    }

    @Test
    void aRecurringWindowShowsItsNextStartAndIsNotActiveOutsideIt() {
        String key = freshTenantKey();
        String monitorId = createMonitor(key, uniqueName("nightly")).getString("id");

        JsonPath created = create(key, Map.of("name", "nightly vacuum", "scope", "monitor", "target", monitorId,
                "cron", "0 3 1 1 *", "timeZone", "Europe/Berlin", "durationMinutes", 30));

        assertThat(created.getString("cron")).isEqualTo("0 3 1 1 *");
        assertThat(created.getString("timeZone")).isEqualTo("Europe/Berlin");
        assertThat(created.getInt("durationMinutes")).isEqualTo(30);
        assertThat(created.getBoolean("active")).isFalse();
        assertThat(created.getString("activeUntil")).isNull();
        assertThat(Instant.parse(created.getString("nextStart"))).isAfter(Instant.now());
    }

    @Test
    void theListShowsTheTenantsWindowsOldestFirst() {
        String key = freshTenantKey();
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        String first = create(key, oneOff("tag", "eu-west", start, start.plusSeconds(600))).getString("id");
        String second = create(key, oneOff("tenant", null, start, start.plusSeconds(600))).getString("id");

        api(key).get(PATH).then().statusCode(200).body("id", equalTo(List.of(first, second)))
                .body("[0].target", equalTo("eu-west")).body("[0].active", equalTo(false))
                .body("[0].nextStart", notNullValue());
    }

    @Test
    void invalidWindowsAreA400NamingTheProblem() {
        String key = freshTenantKey();
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);

        api(key).body(oneOff("tenant", null, start, start.minusSeconds(1))).post(PATH).then().statusCode(400)
                .body("error", containsString("endsAt must be after startsAt"));
        api(key).body(oneOff("monitor", "no-such-monitor", start, start.plusSeconds(60))).post(PATH).then()
                .statusCode(400).body("error", containsString("one of your monitors"));
        api(key).body(Map.of("name", "x", "scope", "tenant", "cron", "0 3 * * *", "durationMinutes", 0)).post(PATH)
                .then().statusCode(400).body("error", containsString("durationMinutes"));
        api(key).body(Map.of("name", "x", "scope", "tenant", "cron", "0 3 * * *", "durationMinutes", 10_081))
                .post(PATH).then().statusCode(400).body("error", containsString("1 to 10080"));
        api(key).body(Map.of("name", "x", "scope", "tenant", "cron", "0 25 * * *", "durationMinutes", 5)).post(PATH)
                .then().statusCode(400).body("error", containsString("cron '0 25 * * *'"));
        api(key).body(Map.of("name", "x", "scope", "tenant", "cron", "0 3 * * *", "timeZone", "Mars/Olympus",
                "durationMinutes", 5)).post(PATH).then().statusCode(400).body("error", containsString("timeZone"));
        api(key).body(Map.of("name", "x", "scope", "galaxy", "startsAt", start.toString())).post(PATH).then()
                .statusCode(400).body("error", containsString("scope must be monitor, tag or tenant"));
        api(key).body(Map.of("name", "x", "scope", "tenant", "startsAt", start.toString(), "cron", "@daily"))
                .post(PATH).then().statusCode(400).body("error", containsString("either startsAt and endsAt"));
        api(key).body(Map.of("name", "x", "scope", "tenant", "startsAt", "tomorrow", "endsAt", start.toString()))
                .post(PATH).then().statusCode(400).body("error", containsString("startsAt must be an ISO-8601"));
    }

    @Test
    void anotherTenantsWindowIsNotFound() {
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        String id = create(freshTenantKey(), oneOff("tenant", null, start, start.plusSeconds(60))).getString("id");
        String otherKey = freshTenantKey();

        api(otherKey).get(PATH + "/" + id).then().statusCode(404);
        api(otherKey).body(oneOff("tenant", null, start, start.plusSeconds(60))).put(PATH + "/" + id).then()
                .statusCode(404);
        api(otherKey).delete(PATH + "/" + id).then().statusCode(404);
    }

    @Test
    void aReplacedWindowKeepsItsIdAndADeletedOneIsGone() {
        String key = freshTenantKey();
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        String id = create(key, oneOff("tenant", null, start, start.plusSeconds(60))).getString("id");

        api(key).body(oneOff("tag", "db", start, start.plusSeconds(120))).put(PATH + "/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("scope", equalTo("tag")).body("target", equalTo("db"));
        api(key).delete(PATH + "/" + id).then().statusCode(204);

        api(key).get(PATH + "/" + id).then().statusCode(404);
        api(key).get(PATH).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aReadOnlyKeyCanListButNotCreateWindows() {
        String key = freshTenantKey();
        String readOnly = api(key).body(Map.of("readOnly", true)).post("/api/keys").then().statusCode(201)
                .extract().path("key");
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);

        api(readOnly).get(PATH).then().statusCode(200);
        api(readOnly).body(oneOff("tenant", null, start, start.plusSeconds(60))).post(PATH).then().statusCode(403);
    }

    @Test
    void aTenantWithAHundredWindowsCannotCreateMore() {
        String key = freshTenantKey();
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS);
        for (int i = 0; i < MaintenanceService.MAX_PER_TENANT; i++) {
            create(key, oneOff("tenant", null, start, start.plusSeconds(60)));
        }

        api(key).body(oneOff("tenant", null, start, start.plusSeconds(60))).post(PATH).then().statusCode(403)
                .body("error", containsString("limit reached"));
    }
}
