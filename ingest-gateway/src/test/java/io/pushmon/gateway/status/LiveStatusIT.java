package io.pushmon.gateway.status;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.pushmon.gateway.tenants.ApiKeys;
import io.pushmon.gateway.tenants.TenantService;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LiveStatusIT {

    @Inject
    TenantService tenants;

    @Test
    void aMonitorIsShownWithTheDetectorsLiveState() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("live")).getString("id");

        api(DEFAULT_KEY).get("/api/monitors/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("down"))
                .body("lastHeartbeatAt", equalTo("2026-01-01T00:00:00Z"))
                .body("lastMsg", equalTo("disk full"))
                .body("lastValue", equalTo(12.5f))
                .body("incident", equalTo(3));
    }

    @Test
    void recentHeartbeatsAndNotificationsAreRelayedFromTheServicesThatOwnThem() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("history")).getString("id");

        api(DEFAULT_KEY).get("/api/monitors/" + id + "/heartbeats").then().statusCode(200)
                .body("", hasSize(1)).body("[0].msg", equalTo("disk full"));
        api(DEFAULT_KEY).get("/api/monitors/" + id + "/notifications").then().statusCode(200)
                .body("[0].outcome", equalTo("delivered"));
    }

    @Test
    void aRebalancingProcessorIsA503WithItsRetryAfter() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("rebalancing")).getString("id");

        api(DEFAULT_KEY).get("/api/monitors/" + id + "/events").then().statusCode(503)
                .header("Retry-After", FakeInternalServices.EVENTS_RETRY_AFTER)
                .body("ok", equalTo(false));
    }

    @Test
    void anotherTenantsMonitorsHistoryIsNotFoundAndNeverAsked() {
        String id = createMonitor(DEFAULT_KEY, uniqueName("private")).getString("id");
        String otherKey = ApiKeys.generateKey();
        tenants.ensureTenantKey(uniqueName("tenant-b"), "test", otherKey, false);

        api(otherKey).get("/api/monitors/" + id + "/heartbeats").then().statusCode(404);
        api(otherKey).get("/api/monitors/" + id + "/notifications").then().statusCode(404);
        api(otherKey).get("/api/monitors/" + id).then().statusCode(404);
    }
}
