package io.pushmon.dispatcher.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How pushmon's topics are created when missing; the names are shared by all services. */
@ConfigMapping(prefix = "pushmon.kafka")
public interface TopicSettings {

    /** Partitions of every topic when it is created. */
    @WithDefault("12")
    int partitions();

    /** Replicas of every topic when it is created. */
    @WithDefault("1")
    short replicationFactor();
}
