package io.pushmon.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    /** The mapping as a service with these settings would see it. */
    static KafkaConfig config(Duration produceTimeout) {
        return new KafkaConfig() {
            @Override
            public String bootstrapServers() {
                return "broker-1:9092";
            }

            @Override
            public int partitions() {
                return 12;
            }

            @Override
            public short replicationFactor() {
                return 3;
            }

            @Override
            public Duration produceTimeout() {
                return produceTimeout;
            }

            @Override
            public Duration linger() {
                return Duration.ofMillis(10);
            }

            @Override
            public int batchSize() {
                return 131_072;
            }

            @Override
            public String compression() {
                return "zstd";
            }
        };
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
