package io.pushmon.dispatcher.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the broker is and how pushmon's topics are created; the names are shared by all services. */
@ConfigMapping(prefix = "kafka")
public interface KafkaSettings {

    /** The broker's bootstrap servers. */
    @WithName("bootstrap.servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();
}
