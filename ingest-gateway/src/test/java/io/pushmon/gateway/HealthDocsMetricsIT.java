package io.pushmon.gateway;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthDocsMetricsIT {

    // Health and metrics are on the management interface's own port, not on the public one.
    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "health/live", management = true)
    URL live;
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void readinessIsUpOnceTheCachesCaughtUp() {
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'pushmon-gateway-caches' }.data.monitors", equalTo("caught up"))
                .body("checks.find { it.name == 'pushmon-gateway-caches' }.data.tenants", equalTo("caught up"));
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreNotOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentDescribesThePushAnswers() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/push/{token}'.post.responses.'200'.description", containsString("paused"))
                .body("paths.'/api/push/{token}'.post.responses.'503'.headers.'Retry-After'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/push/{token}'.get.responses.'400'.description", containsString("bad parameter"))
                .body("paths.'/api/monitors'.post.responses.'201'.description", equalTo("Created"))
                .body("paths.'/api/monitors/{id}/backtest'.post.summary", equalTo("Backtest detection settings"))
                .body("components.schemas.MonitorRequest.properties.failureThreshold.maximum", equalTo(100))
                .body("components.schemas.BacktestRequest.properties.recoveryThreshold.minimum", equalTo(1));
    }

    @Test
    void pushOutcomesAndProduceLatencyAreInTheMetrics() {
        String token = createMonitor(DEFAULT_KEY, uniqueName("metrics")).getString("pushToken");
        given().post("/api/push/" + token).then().statusCode(200);
        given().post("/api/push/" + token + "?status=nope").then().statusCode(400);

        given().get(metrics).then().statusCode(200)
                .body(containsString("pushmon_push_requests_total{outcome=\"recorded\"}"))
                .body(containsString("pushmon_push_requests_total{outcome=\"bad_request\"}"))
                .body(containsString("pushmon_push_produce_seconds_count{result=\"acked\"}"))
                .body(containsString("pushmon_ticks_sent_total"));
    }
}
