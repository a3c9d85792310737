package io.pushmon.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class KafkaClientsTest {

    /** The mapping as a service with these settings would see it. */
    static KafkaConfig config(Duration produceTimeout) {
        return config(Map.of("pushmon.kafka.produce-timeout", produceTimeout.toString(),
                "pushmon.kafka.replication-factor", "3", "pushmon.kafka.linger", "PT0.01S",
                "pushmon.kafka.batch-size", "131072", "pushmon.kafka.compression", "zstd"));
    }

    static KafkaConfig config(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("kafka.bootstrap.servers", "broker-1:9092");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(KafkaConfig.class)
                .withConverter(Duration.class, 100, KafkaClientsTest::duration)
                .withSources(new PropertiesConfigSource(all, "test", 100)).build();
        return config.getConfigMapping(KafkaConfig.class);
    }

    /** The defaults' short form ("5s", "5ms"), as Quarkus reads it in a service. */
    private static Duration duration(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        if (value.endsWith("s") && !value.startsWith("P")) {
            return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
        }
        return Duration.parse(value);
    }

    @Test
    void everyClientTakesTheSecuritySettings() {
        KafkaConfig secured = config(Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "kafka.ssl.truststore.type", "PEM", "kafka.ssl.truststore.location", "/etc/kafka-ca/ca.crt"));

        for (Map<String, Object> client : List.of(KafkaClients.producer(secured, "p", Duration.ZERO),
                KafkaClients.groupless(secured, "r"), KafkaClients.groupMember(secured, "m", "g"),
                KafkaClients.connection(secured))) {
            assertThat(client).containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                    .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                    .containsEntry(SaslConfigs.SASL_JAAS_CONFIG,
                            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM")
                    .containsEntry(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, "/etc/kafka-ca/ca.crt")
                    .doesNotContainKey(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
        }
    }

    @Test
    void withoutSecuritySettingsClientsSpeakPlaintextWithKafkasDefaults() {
        assertThat(KafkaClients.connection(config(Duration.ofSeconds(5))))
                .containsOnlyKeys(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
    }

    @Test
    void topicsAreCreatedUnlessVerifyingIsAsked() {
        assertThat(config(Duration.ofSeconds(5)).topics()).isEqualTo(KafkaConfig.TopicMode.CREATE);
        assertThat(config(Map.of("pushmon.kafka.topics", "verify")).topics())
                .isEqualTo(KafkaConfig.TopicMode.VERIFY);
    }

    @Test
    void aProducerWaitsForEveryInSyncReplicaWithoutDuplicates() {
        var producer = KafkaClients.producer(config(Duration.ofSeconds(5)), "p", Duration.ZERO);

        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker-1:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "p");
    }

    @Test
    void aProducerGivesUpWithinTheProduceTimeout() {
        var producer = KafkaClients.producer(config(Duration.ofSeconds(5)), "p", Duration.ZERO);

        assertThat(producer).containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2495);
    }

    @Test
    void aProducerForAnEventLoopNeverBlocks() {
        assertThat(KafkaClients.producer(config(Duration.ofSeconds(5)), "p", Duration.ZERO))
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0L);
    }

    @Test
    void aProducerBatchesAsConfigured() {
        assertThat(KafkaClients.producer(config(Duration.ofSeconds(5)), "p", Duration.ofSeconds(1)))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 10)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 131_072)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    }

    @Test
    void readersSeeOnlyCommittedRecords() {
        assertThat(KafkaClients.groupless(config(Duration.ofSeconds(5)), "r"))
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
        assertThat(KafkaClients.groupMember(config(Duration.ofSeconds(5)), "r", "g"))
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }
}
