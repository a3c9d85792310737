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
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;

import io.pushmon.gateway.accounts.Accounts;
import io.pushmon.gateway.accounts.LocalSmtpServer;
import io.pushmon.gateway.status.FakeInternalServices;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Another tenant's ids are as unknown as ids that never existed, on every endpoint that takes one. */
@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = LocalSmtpServer.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CrossTenantIT {

    @LocalSmtpServer.Inject
    GreenMail smtp;

    private static final String HOOK = "https://hooks.example.org/services/T000/B000/x";

    private record Call(String name, Function<RequestSpecification, Response> send) {
    }

    @Test
    void everyEndpointAnswersAnotherTenantsIdsAsIfTheyDidNotExistToItsKeys() {
        triedBy(newTenant(null));
    }

    @Test
    void everyEndpointAnswersAnotherTenantsIdsAsIfTheyDidNotExistToItsMembersSessions() {
        triedBy(Accounts.signUpAndIn(smtp, Accounts.uniqueEmail("stranger")));
    }

    /**
     * Every call with the stranger's credential (an API key or a session, both bearer credentials) on another
     * tenant's objects.
     */
    private void triedBy(String strangerCredential) {
        Supplier<RequestSpecification> stranger = () -> api(strangerCredential);
        // The owner's tenant has a member too, so member ids of another tenant are tried as well.
        String ownerSession = Accounts.signUpAndIn(smtp, Accounts.uniqueEmail("owner"));
        String ownerUserId = Accounts.session(ownerSession).get("/api/accounts/me").then().statusCode(200)
                .extract().path("id");
        String owner = Accounts.session(ownerSession).contentType(ContentType.JSON).body("{}").post("/api/keys")
                .then().statusCode(201).extract().path("key");
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
                new Call("change a member", r -> r.body(Map.of("role", "member")).patch("/api/members/" + ownerUserId)),
                new Call("remove a member", r -> r.delete("/api/members/" + ownerUserId)),
                new Call("delete a channel", r -> r.delete(channel)),
                new Call("delete a monitor", r -> r.delete(monitor)));

        for (Call call : calls) {
            Response answer = call.send().apply(stranger.get());
            assertThat(answer.statusCode()).as(call.name()).isEqualTo(404);
        }
        stranger.get().body(Map.of("name", "x", "timeoutSeconds", 60, "channelIds", List.of(channelId)))
                .post("/api/monitors").then().statusCode(400).body("error", equalTo("unknown channel in channelIds: "
                        + channelId));
        stranger.get().get("/api/monitors").then().statusCode(200).body("id", not(hasItem(monitorId)));
        stranger.get().get("/api/channels").then().statusCode(200).body("id", not(hasItem(channelId)));
        stranger.get().get("/api/keys").then().statusCode(200).body("id", not(hasItem(keyId)));
        stranger.get().get("/api/audit").then().statusCode(200).body("targetId", not(hasItem(monitorId)));
        stranger.get().get("/api/members").then().statusCode(200);

        api(owner).get(monitor).then().statusCode(200).body("name", not(equalTo("taken over")));
        api(owner).get(channel).then().statusCode(200);
        api(owner).get("/api/keys").then().body("id", hasItem(keyId));
    }
}
