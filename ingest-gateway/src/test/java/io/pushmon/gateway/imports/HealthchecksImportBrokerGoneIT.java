package io.pushmon.gateway.imports;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pushmon.kafka.testing.DisposableKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The import when Kafka stops acknowledging, on a broker of this test's own that it stops. */
@QuarkusTest
@TestProfile(HealthchecksImportBrokerGoneIT.OwnBroker.class)
class HealthchecksImportBrokerGoneIT {

    private static final String IMPORT = "/api/monitors/import/healthchecks";

    /** A broker of its own, so stopping it leaves the shared one alone; a short timeout keeps the test quick. */
    public static class OwnBroker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pushmon.kafka.produce-timeout", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DisposableKafka.class));
        }
    }

    @Test
    void withoutAcknowledgementsTheImportStopsWith503AndSaysWhichChecksAreNotIn() throws Exception {
        api(DEFAULT_KEY).body(list(1)).post(IMPORT).then().statusCode(200).body("created", equalTo(1));
        DisposableKafka.stopBroker();

        api(DEFAULT_KEY).body(list(3)).post(IMPORT).then().statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("complete", equalTo(false)).body("created", equalTo(0)).body("failed", equalTo(3))
                .body("checks[0].outcome", equalTo("failed"))
                .body("checks[0].reason", startsWith("not created: the event log did not acknowledge"))
                .body("checks[0].monitorId", nullValue())
                .body("checks[1].reason", equalTo("not attempted: the import stopped at check 0"))
                .body("checks[2].outcome", equalTo("failed"));
    }

    private static Map<String, Object> list(int size) {
        return Map.of("checks", IntStream.range(0, size)
                .mapToObj(i -> Map.of("name", "job " + i, "timeout", 3600, "grace", 60,
                        "ping_url", "https://hc-ping.com/" + UUID.randomUUID()))
                .toList());
    }
}
