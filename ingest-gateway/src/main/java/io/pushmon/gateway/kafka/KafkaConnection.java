package io.pushmon.gateway.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the broker is: the property every pushmon service shares. */
@ConfigMapping(prefix = "kafka")
public interface KafkaConnection {

    /** Bootstrap servers of the Kafka cluster (env KAFKA_BOOTSTRAP_SERVERS). */
    @WithName("bootstrap.servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();
}
