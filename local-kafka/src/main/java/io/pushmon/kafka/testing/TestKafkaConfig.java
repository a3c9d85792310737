package io.pushmon.kafka.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.pushmon.common.kafka.KafkaConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The services' {@link KafkaConfig} outside Quarkus, for tests that build a service's Kafka clients by hand:
 * the mapping's own defaults and the given broker, exactly as a service would resolve them.
 */
public final class TestKafkaConfig {

    private TestKafkaConfig() {
    }

    public static KafkaConfig of(String bootstrapServers) {
        return of(bootstrapServers, Map.of());
    }

    /** The same with further settings, e.g. a secured broker's {@code kafka.security.protocol} and login. */
    public static KafkaConfig of(String bootstrapServers, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("kafka.bootstrap.servers", bootstrapServers);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaConfig.class)
                // Durations as the services write them ("5s", "500ms"): Quarkus' converter, as in a service.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(KafkaConfig.class);
    }
}
