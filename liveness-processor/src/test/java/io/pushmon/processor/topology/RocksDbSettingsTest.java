package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.processor.config.ProcessorConfig;
import io.pushmon.processor.config.ProcessorConfig.RocksDbCompression;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class RocksDbSettingsTest {

    /** The processor's settings as it reads them at start, in Quarkus' own syntax for sizes and durations. */
    private static RocksDbSettings settings(Map<String, String> properties) {
        ProcessorConfig config = new SmallRyeConfigBuilder().withMapping(ProcessorConfig.class)
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(ProcessorConfig.class);
        return DetectorService.rocksDbSettings(config);
    }

    @Test
    void theDefaultsAreKafkaStreamsOwnInsideTheMemoryBound() {
        RocksDbSettings defaults = settings(Map.of());

        assertThat(defaults.memoryBytes()).isEqualTo(256L << 20);
        assertThat(defaults).isEqualTo(RocksDbSettings.streamsDefaults(256L << 20));
    }

    @Test
    void eachSettingIsAPlainOverride() {
        RocksDbSettings settings = settings(Map.of("pushmon.processor.rocksdb-memory", "128M",
                "pushmon.processor.rocksdb-compression", "lz4", "pushmon.processor.rocksdb-write-buffer-size", "32M",
                "pushmon.processor.rocksdb-max-write-buffers", "4", "pushmon.processor.rocksdb-block-size", "16K"));

        assertThat(settings).isEqualTo(new RocksDbSettings(128L << 20, RocksDbCompression.LZ4, 32L << 20, 4, 16L << 10));
        assertThat(settings(Map.of("pushmon.processor.rocksdb-compression", "zstd")).compression())
                .isEqualTo(RocksDbCompression.ZSTD);
    }

    @Test
    void anUnknownCompressionStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> settings(Map.of("pushmon.processor.rocksdb-compression", "gzip")))
                .hasMessageContaining("pushmon.processor.rocksdb-compression").hasMessageContaining("gzip");
    }

    @Test
    void aMemtableSizeRocksDbWouldChangeStopsTheStart() {
        assertThatThrownBy(() -> settings(Map.of("pushmon.processor.rocksdb-write-buffer-size", "32K")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pushmon.processor.rocksdb-write-buffer-size must be from 64K to 64G, not 32768 bytes");
    }

    @Test
    void fewerThanTwoMemtablesStopTheStart() {
        assertThatThrownBy(() -> settings(Map.of("pushmon.processor.rocksdb-max-write-buffers", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pushmon.processor.rocksdb-max-write-buffers must be at least 2, not 1");
    }

    @Test
    void anEmptyBlockOrOneOf4GStopsTheStart() {
        assertThatThrownBy(() -> settings(Map.of("pushmon.processor.rocksdb-block-size", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pushmon.processor.rocksdb-block-size must be above 0 and below 4G, not 0 bytes");
        assertThatThrownBy(() -> settings(Map.of("pushmon.processor.rocksdb-block-size", "4G")))
                .hasMessageContaining("pushmon.processor.rocksdb-block-size");
    }

    @Test
    void theSettingsReachTheConfigSetterThroughTheStreamsProperties() {
        RocksDbSettings settings = new RocksDbSettings(96L << 20, RocksDbCompression.SNAPPY, 8L << 20, 5, 8L << 10);

        assertThat(RocksDbSettings.from(settings.streamsProperties())).isEqualTo(settings);
    }
}
