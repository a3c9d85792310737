package io.pushmon.common.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The Kafka settings every pushmon service shares: where the brokers are ({@code kafka.bootstrap.servers}) and
 * how pushmon creates topics and writes records ({@code pushmon.kafka.*}). Each default is written here and
 * nowhere else; every property can be set from the environment in upper case with underscores.
 */
@ConfigMapping(prefix = "")
public interface KafkaConfig {

    /** Bootstrap servers of the Kafka cluster (env KAFKA_BOOTSTRAP_SERVERS). */
    @WithName("kafka.bootstrap.servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** Partitions of every topic when a service creates it; caps the processor's parallelism, never change it. */
    @WithName("pushmon.kafka.partitions")
    @WithDefault("12")
    int partitions();

    /** Replicas of every topic (changelogs included) when a service creates it. */
    @WithName("pushmon.kafka.replication-factor")
    @WithDefault("1")
    short replicationFactor();

    /** Longest wait for the brokers' acknowledgement of a write before it counts as failed (a 503 on the API). */
    @WithName("pushmon.kafka.produce-timeout")
    @WithDefault("5s")
    Duration produceTimeout();

    /**
     * How long a producer holds records to batch them (linger.ms). Every push waits for its batch, up to this long,
     * and in exchange the gateway and the broker spend a third less CPU per push; measured in the root README's
     * performance section.
     */
    @WithName("pushmon.kafka.linger")
    @WithDefault("5ms")
    Duration linger();

    /** Largest batch per partition in bytes (batch.size). */
    @WithName("pushmon.kafka.batch-size")
    @WithDefault("65536")
    int batchSize();

    /**
     * Compression of producer batches: none, gzip, snappy, lz4 or zstd (compression.type). Heartbeat batches are
     * small, and lz4 set up a compressor per batch that cost the gateway more CPU than it saved the broker
     * (root README, performance).
     */
    @WithName("pushmon.kafka.compression")
    @WithDefault("none")
    String compression();
}
