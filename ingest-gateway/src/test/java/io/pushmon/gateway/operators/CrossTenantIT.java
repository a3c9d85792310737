package io.pushmon.gateway.operators;

import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.pushmon.gateway.operators.TenancyIT.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.pushmon.gateway.status.FakeInternalServices;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Another tenant's ids are as unknown as ids that never existed, on every endpoint that takes one. */
@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CrossTenantIT {

    private static final String HOOK = "https://hooks.example.org/services/T000/B000/x";

    private record Call(String name, Function<RequestSpecification, Response> send) {
    }

    @Test
    void everyEndpointAnswersAnotherTenantsIdsAsIfTheyDidNotExist() {
        String owner = newTenant(null);
        String stranger = newTenant(null);
        String monitorId = createMonitor(owner, uniqueName("private")).getString("id");
        String channelId = api(owner).body(Map.of("name", "hook", "type", "webhook", "url", HOOK))
                .post("/api/channels").then().statusCode(201).extract().jsonPath().getString("id");
        String keyId = api(owner).get("/api/keys").then().extract().jsonPath().getString("[0].id");
        String monitor = "/api/monitors/" + monitorId;
        String channel = "/api/channels/" + channelId;
        Map<String, Object> monitorBody = Map.of("name", "taken over", "timeoutSeconds", 60);
        Map<String, Object> channelBody = Map.of("name", "taken over", "type", "webhook", "url", HOOK);

        List<Call> calls = List.of(
                new Call("read a monitor", r -> r.get(monitor)),
                new Call("replace a monitor", r -> r.body(monitorBody).put(monitor)),
                new Call("pause a monitor", r -> r.post(monitor + "/pause")),
                new Call("resume a monitor", r -> r.post(monitor + "/resume")),
                new Call("rotate a monitor's token", r -> r.post(monitor + "/token")),
                new Call("read heartbeats", r -> r.get(monitor + "/heartbeats")),
                new Call("read a body", r -> r.get(monitor + "/heartbeats/1/body")),
                new Call("read events", r -> r.get(monitor + "/events")),
                new Call("read notifications", r -> r.get(monitor + "/notifications")),
                new Call("read a channel", r -> r.get(channel)),
                new Call("replace a channel", r -> r.body(channelBody).put(channel)),
                new Call("rotate a channel's secret", r -> r.post(channel + "/secret")),
                new Call("test a channel", r -> r.post(channel + "/test")),
                new Call("revoke a key", r -> r.delete("/api/keys/" + keyId)),
                new Call("delete a channel", r -> r.delete(channel)),
                new Call("delete a monitor", r -> r.delete(monitor)));

        for (Call call : calls) {
            Response answer = call.send().apply(api(stranger));
            assertThat(answer.statusCode()).as(call.name()).isEqualTo(404);
        }
        api(stranger).body(Map.of("name", "x", "timeoutSeconds", 60, "channelIds", List.of(channelId)))
                .post("/api/monitors").then().statusCode(400).body("error", equalTo("unknown channel in channelIds: "
                        + channelId));
        api(stranger).get("/api/monitors").then().body("id", not(hasItem(monitorId)));
        api(stranger).get("/api/channels").then().body("id", not(hasItem(channelId)));
        api(stranger).get("/api/keys").then().body("id", not(hasItem(keyId)));
        api(stranger).get("/api/audit").then().body("targetId", not(hasItem(monitorId)));

        api(owner).get(monitor).then().statusCode(200).body("name", not(equalTo("taken over")));
        api(owner).get(channel).then().statusCode(200);
        api(owner).get("/api/keys").then().body("id", hasItem(keyId));
    }
}
