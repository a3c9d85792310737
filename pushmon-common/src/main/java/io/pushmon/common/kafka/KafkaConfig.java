package io.pushmon.common.kafka;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The Kafka settings every pushmon service shares: where the brokers are ({@code kafka.bootstrap.servers}) and
 * how to authenticate to them ({@code kafka.security.*}, {@code kafka.sasl.*}, {@code kafka.ssl.*}), and how
 * pushmon creates topics and writes records ({@code pushmon.kafka.*}). Each default is written here and nowhere
 * else; every property can be set from the environment in upper case with underscores.
 */
@ConfigMapping(prefix = "")
public interface KafkaConfig {

    /** Bootstrap servers of the Kafka cluster (env KAFKA_BOOTSTRAP_SERVERS). */
    @WithName("kafka.bootstrap.servers")
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();

    /** How the services authenticate to the brokers and trust them; every Kafka client of every service uses it. */
    @WithParentName
    Security security();

    /** {@code create}: a service creates missing topics at start (local runs); {@code verify}: it only checks them. */
    @WithName("pushmon.kafka.topics")
    @WithDefault("create")
    TopicMode topics();

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

    /** What a service does about pushmon's topics at start. */
    enum TopicMode {
        /** Create the missing ones: needs the broker's Create permission. */
        CREATE,
        /**
         * Only check that every topic exists and the co-partitioned ones agree: for clusters where topics are
         * declared resources (Strimzi KafkaTopics) and services hold no Create permission.
         */
        VERIFY
    }

    /**
     * The Kafka clients' own security settings, passed to every producer, consumer, admin client and Kafka
     * Streams under their Kafka names. Unset ones are left to Kafka's defaults.
     */
    interface Security {

        /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL (env KAFKA_SECURITY_PROTOCOL). */
        @WithName("kafka.security.protocol")
        @WithDefault("PLAINTEXT")
        String protocol();

        /** SASL mechanism, e.g. SCRAM-SHA-512 (env KAFKA_SASL_MECHANISM). */
        @WithName("kafka.sasl.mechanism")
        Optional<String> saslMechanism();

        /** The JAAS login line with the service's user and password (env KAFKA_SASL_JAAS_CONFIG); a secret. */
        @WithName("kafka.sasl.jaas.config")
        Optional<String> saslJaasConfig();

        /** PEM, PKCS12 or JKS (env KAFKA_SSL_TRUSTSTORE_TYPE). */
        @WithName("kafka.ssl.truststore.type")
        Optional<String> truststoreType();

        /** File with the CA certificates the brokers' certificates are checked against. */
        @WithName("kafka.ssl.truststore.location")
        Optional<String> truststoreLocation();

        /** Password of the truststore file, when it has one; a secret. */
        @WithName("kafka.ssl.truststore.password")
        Optional<String> truststorePassword();

        /** PEM, PKCS12 or JKS: the client's own certificate for mutual TLS. */
        @WithName("kafka.ssl.keystore.type")
        Optional<String> keystoreType();

        /** File with the client's certificate and key for mutual TLS. */
        @WithName("kafka.ssl.keystore.location")
        Optional<String> keystoreLocation();

        /** Password of the keystore file; a secret. */
        @WithName("kafka.ssl.keystore.password")
        Optional<String> keystorePassword();

        /** Password of the key in the keystore, when it differs; a secret. */
        @WithName("kafka.ssl.key.password")
        Optional<String> keyPassword();

        /** {@code https} checks the broker's host name against its certificate; empty turns that off. */
        @WithName("kafka.ssl.endpoint.identification.algorithm")
        Optional<String> endpointIdentificationAlgorithm();
    }
}
