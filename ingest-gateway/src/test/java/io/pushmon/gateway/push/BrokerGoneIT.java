package io.pushmon.gateway.push;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.createMonitor;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.pushmon.kafka.testing.DisposableKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The broker vanishes under a running gateway. Pushes are answered on the event loop, so the danger is not a
 * wrong answer but a blocked loop: every request on it, pushes and health checks alike, would wait with it.
 * Vert.x's blocked-thread checker reports any task that holds an event loop longer than the limit set here;
 * one such report fails the test.
 */
@QuarkusTest
@TestProfile(BrokerGoneIT.OwnBroker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrokerGoneIT {

    private static final Duration PRODUCE_TIMEOUT = Duration.ofSeconds(3);
    /** Far below the produce timeout: an event loop held by a waiting send would take at least that long. */
    private static final Duration FREE_LOOP_BOUND = Duration.ofMillis(1500);
    /** The producer gives up after its delivery timeout; the rest is the answer's way back. */
    private static final Duration ANSWER_BOUND = PRODUCE_TIMEOUT.plusMillis(1500);

    /** A broker of this test's own, on a profile of its own, so stopping it leaves the shared one alone. */
    public static class OwnBroker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pushmon.kafka.produce-timeout", PRODUCE_TIMEOUT.toMillis() + "ms",
                    "quarkus.vertx.max-event-loop-execute-time", "500ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DisposableKafka.class));
        }
    }

    private static final List<String> blockedWarnings = new CopyOnWriteArrayList<>();
    private static final Logger CHECKER = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
    private static final Handler WATCH = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                blockedWarnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void watchForBlockedEventLoops() {
        CHECKER.addHandler(WATCH);
    }

    @AfterAll
    static void stopWatching() {
        CHECKER.removeHandler(WATCH);
    }

    @Test
    @Order(1)
    void pushesAre503WithinTheProduceTimeoutAndNoEventLoopBlocks() throws Exception {
        String token = createMonitor(DEFAULT_KEY, uniqueName("broker-gone")).getString("pushToken");
        given().post("/api/push/" + token).then().statusCode(200);
        given().post("/api/push/too-short").then().statusCode(400);

        DisposableKafka.stopBroker();

        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<Timed>> pushes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                pushes.add(clients.submit(() -> timed(() -> given().post("/api/push/" + token))));
            }
            // While the pushes wait for an acknowledgement that will not come, the event loops answer at once:
            // a token of the wrong shape is refused on the loop without touching Kafka.
            List<Duration> probes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Timed probe = timed(() -> given().post("/api/push/too-short"));
                assertThat(probe.response().statusCode()).isEqualTo(400);
                probes.add(probe.took());
                Thread.sleep(200);
            }
            for (Future<Timed> push : pushes) {
                Timed answer = push.get();
                assertThat(answer.response().statusCode()).isEqualTo(503);
                assertThat(answer.response().header("Retry-After")).isEqualTo("5");
                assertThat(answer.response().jsonPath().getBoolean("ok")).isFalse();
                assertThat(answer.took()).isLessThan(ANSWER_BOUND);
            }
            assertThat(probes).allSatisfy(took -> assertThat(took).isLessThan(FREE_LOOP_BOUND));
            assertThat(blockedWarnings).isEmpty();
        } finally {
            clients.shutdownNow();
        }
    }

    /** Runs second: the broker stays stopped once the first test stopped it. */
    @Test
    @Order(2)
    void aManagementWriteIs503WithinTheProduceTimeout() throws Exception {
        DisposableKafka.stopBroker();

        Timed create = timed(() -> api(DEFAULT_KEY).body(Map.of("name", uniqueName("no-broker"), "timeoutSeconds", 60))
                .post("/api/monitors"));

        assertThat(create.response().statusCode()).isEqualTo(503);
        assertThat(create.response().header("Retry-After")).isNotNull();
        assertThat(create.took()).isLessThan(ANSWER_BOUND.plus(PRODUCE_TIMEOUT));
        assertThat(blockedWarnings).isEmpty();
    }

    private record Timed(Response response, Duration took) {
    }

    private static Timed timed(Supplier<Response> call) {
        long start = System.nanoTime();
        Response response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }
}
