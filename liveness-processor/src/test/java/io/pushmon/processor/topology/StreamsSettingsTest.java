package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private static StreamsSettings withRetryBackoff(long millis) {
        return new StreamsSettings("settings-test", Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                Path.of("target/unused"), "127.0.0.1:8081", 1, 0, 1, 100, 10_000, Optional.empty(), Optional.empty(),
                RocksDbSettings.streamsDefaults(StreamsSettings.DEFAULT_ROCKSDB_MEMORY), millis);
    }

    @Test
    void theRetryBackoffReachesTheProducerOfTheStreamThreads() {
        StreamsConfig config = new StreamsConfig(withRetryBackoff(20).toProperties());

        Map<String, Object> producer = config.getProducerConfigs("client");

        assertThat(producer).containsEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20L);
        assertThat(config.getMainConsumerConfigs("group", "client", 0))
                .doesNotContainEntry(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20L);
    }

    @Test
    void writesAreExactlyOnceAndCommitOnTheConfiguredInterval() {
        StreamsConfig config = new StreamsConfig(withRetryBackoff(100).toProperties());

        assertThat(config.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    }
}
