package io.pushmon.kafka.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The shared test broker as a Quarkus test resource. Quarkus injects the bootstrap servers before the
 * application boots; every pushmon service reads them from {@code kafka.bootstrap.servers}.
 */
public class KafkaTestBroker implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = SharedKafka.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "pushmon.kafka.partitions", String.valueOf(SharedKafka.TEST_PARTITIONS));
    }

    @Override
    public void stop() {
        // The broker is shared by every test class of the JVM and stops with it.
    }
}
