package io.pushmon.kafka.testing;

import java.util.Map;

import io.pushmon.common.topics.TopicProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A broker of its own for one {@code @QuarkusTest} profile, which the test may stop under the running service
 * (the shared broker must never be stopped: every other test class uses it). Topics are provisioned before the
 * service boots, as on the shared broker.
 */
public class DisposableKafka implements QuarkusTestResourceLifecycleManager {

    private static InProcessKafka broker;

    @Override
    public Map<String, String> start() {
        InProcessKafka started = InProcessKafka.start();
        new TopicProvisioner(SharedKafka.TEST_PARTITIONS, (short) 1).provision(started.bootstrapServers());
        set(started);
        return Map.of("kafka.bootstrap.servers", started.bootstrapServers(),
                "pushmon.kafka.partitions", String.valueOf(SharedKafka.TEST_PARTITIONS));
    }

    /** Stops the broker now; the service keeps running without it. */
    public static void stopBroker() throws Exception {
        InProcessKafka current = get();
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void stop() {
        try {
            stopBroker();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the test's own broker", e);
        }
    }

    private static synchronized void set(InProcessKafka started) {
        broker = started;
    }

    private static synchronized InProcessKafka get() {
        return broker;
    }
}
