package io.pushmon.processor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The Kafka settings every pushmon service shares ({@code kafka.bootstrap.servers}, {@code pushmon.kafka.*}). */
@ConfigMapping(prefix = "")
public interface KafkaConfig {

    /** The broker. */
    @WithName("kafka.bootstrap.servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** Partitions of every topic when created; caps the processor's parallelism. */
    @WithName("pushmon.kafka.partitions")
    @WithDefault("12")
    int partitions();

    /** Replicas of every topic when created, changelogs included. */
    @WithName("pushmon.kafka.replication-factor")
    @WithDefault("1")
    short replicationFactor();
}
