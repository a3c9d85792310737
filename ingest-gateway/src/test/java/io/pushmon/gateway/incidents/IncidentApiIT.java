package io.pushmon.gateway.incidents;

import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PolicyInput;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.status.FakeInternalServices;
import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class IncidentApiIT {

    @Inject
    TenantService tenants;

    /** A monitor of a tenant of its own. */
    private record Owned(String tenantId, String key, String monitorId) {
    }

    private Owned monitorOfFreshTenant() {
        String tenantId = uniqueName("tenant");
        String key = ApiKeys.generateKey();
        tenants.ensureTenantKey(tenantId, "test", key, false);
        return new Owned(tenantId, key, createMonitor(key, uniqueName("backup")).getString("id"));
    }

    /** A down as the processor writes it, then waits for this gateway's incident log to show it. */
    private static void down(Owned owned, long incident, Instant at) {
        topics().send(Topic.MONITOR_EVENTS, owned.monitorId(), new MonitorEvent(UUID.randomUUID().toString(),
                owned.monitorId(), owned.tenantId(), "backup", MonitorStatus.UP, MonitorStatus.DOWN,
                EventReason.TIMEOUT, at, incident, null, null, "exit 3", null, List.of()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api(owned.key())
                .get("/api/monitors/" + owned.monitorId() + "/incidents").then().statusCode(200)
                .body("[0].number", equalTo((int) incident)).body("[0].open", equalTo(true)));
    }

    private static String ack(Owned owned, long incident) {
        return "/api/monitors/" + owned.monitorId() + "/incidents/" + incident + "/ack";
    }

    @Test
    void anAcknowledgementOfTheOpenIncidentGoesToThePolicyAndShowsInTheList() {
        Owned owned = monitorOfFreshTenant();
        down(owned, 3, Instant.now().minusSeconds(30));

        api(owned.key()).body(Map.of("note", "on it")).post(ack(owned, 3)).then().statusCode(202)
                .body("monitorId", equalTo(owned.monitorId())).body("incident", equalTo(3))
                .body("acknowledgedBy", equalTo("API key test"));

        List<PolicyInput> inputs = topics().readByKey(Topic.POLICY_INPUTS, owned.tenantId(), all -> !all.isEmpty(),
                Duration.ofSeconds(10));
        assertThat(inputs).singleElement().satisfies(input -> {
            assertThat(input.event()).isNull();
            assertThat(input.ack().monitorId()).isEqualTo(owned.monitorId());
            assertThat(input.ack().tenantId()).isEqualTo(owned.tenantId());
            assertThat(input.ack().incident()).isEqualTo(3);
            assertThat(input.ack().by()).isEqualTo("API key test");
            assertThat(input.ack().at()).isCloseTo(Instant.now(), within(30, ChronoUnit.SECONDS));
        });
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api(owned.key())
                .get("/api/monitors/" + owned.monitorId() + "/incidents").then().statusCode(200)
                .body("[0].acknowledgedBy", equalTo("API key test")));
    }

    @Test
    void aBarePostAsTheDashboardSendsItIsAccepted() {
        Owned owned = monitorOfFreshTenant();
        down(owned, 1, Instant.now().minusSeconds(30));

        given().header("Authorization", "Bearer " + owned.key()).post(ack(owned, 1)).then().statusCode(202);
        api(owned.key()).body("[\"note\"]").post(ack(owned, 1)).then().statusCode(400)
                .body("error", containsString("{\"note\":"));
    }

    @Test
    void anIncidentThatIsNotTheOpenOneIsAConflict() {
        Owned owned = monitorOfFreshTenant();

        api(owned.key()).post(ack(owned, 1)).then().statusCode(409).body("error", containsString("not down"));
        down(owned, 2, Instant.now().minusSeconds(30));
        api(owned.key()).post(ack(owned, 1)).then().statusCode(409)
                .body("error", containsString("the open incident is 2"));
    }

    @Test
    void anotherTenantsMonitorIsNotFound() {
        Owned owned = monitorOfFreshTenant();
        down(owned, 1, Instant.now().minusSeconds(30));
        Owned other = monitorOfFreshTenant();

        api(other.key()).post(ack(owned, 1)).then().statusCode(404);
        api(other.key()).get("/api/monitors/" + owned.monitorId() + "/incidents").then().statusCode(404);
        api(owned.key()).post("/api/monitors/no-such-monitor/incidents/1/ack").then().statusCode(404);
    }

    @Test
    void anIncidentThatBeganInAnOpenMaintenanceWindowIsMarked() {
        Owned owned = monitorOfFreshTenant();
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        api(owned.key()).body(Map.of("name", "migration", "scope", "monitor", "target", owned.monitorId(),
                "startsAt", start.toString(), "endsAt", start.plus(2, ChronoUnit.HOURS).toString()))
                .post("/api/maintenance-windows").then().statusCode(201);

        down(owned, 1, start.plusSeconds(60));

        api(owned.key()).get("/api/monitors/" + owned.monitorId() + "/incidents").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].inMaintenance", equalTo(true));
    }
}
