package io.pushmon.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Filter;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileReader;

import io.pushmon.processor.config.ProcessorConfig.RocksDbCompression;

class RocksDbOptionsSetterTest {

    private static final long MEMORY = StreamsSettings.DEFAULT_ROCKSDB_MEMORY;

    @Test
    void theSettingsReachTheOptionsOfAStore() {
        RocksDbSettings settings = new RocksDbSettings(MEMORY, RocksDbCompression.ZSTD, 32L << 20, 4, 16L << 10);
        try (Options options = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            new RocksDbOptionsSetter().setConfig("s", options, settings.streamsProperties());

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(options.compressionType()).isEqualTo(CompressionType.ZSTD_COMPRESSION);
            assertThat(options.writeBufferSize()).isEqualTo(32L << 20);
            assertThat(options.maxWriteBufferNumber()).isEqualTo(4);
            assertThat(table.blockSize()).isEqualTo(16L << 10);
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
        }
    }

    @Test
    void withTheDefaultsAStoreKeepsTheOptionsKafkaStreamsGaveIt(@TempDir Path stateDir) {
        try (TopologyTestDriver opened = driver(stateDir, RocksDbSettings.streamsDefaults(MEMORY), Observing.class)) {
            Knobs streams = Observing.STREAMS.get("kv");
            assertThat(streams).isNotNull();
            assertThat(Observing.OURS.get("kv")).isEqualTo(streams);
        }
    }

    @ParameterizedTest
    @CsvSource({"NONE, NoCompression", "LZ4, LZ4", "ZSTD, ZSTD", "SNAPPY, Snappy"})
    void aStoreReadsBackWhatItFlushedToFilesOfTheChosenCompression(RocksDbCompression compression, String inFile,
            @TempDir Path stateDir) throws Exception {
        RocksDbSettings settings = new RocksDbSettings(MEMORY, compression, RocksDbSettings.STREAMS_WRITE_BUFFER_BYTES,
                RocksDbSettings.STREAMS_MAX_WRITE_BUFFERS, RocksDbSettings.STREAMS_BLOCK_BYTES);
        Map<String, String> written = new LinkedHashMap<>();
        // Three records, so three flushes: fewer files than start a compaction, which would delete them under us.
        for (String key : List.of("a", "b", "c")) {
            written.put(key, key.repeat(10_000));
        }
        try (TopologyTestDriver driver = driver(stateDir, settings, RocksDbOptionsSetter.class)) {
            TestInputTopic<String, String> input = driver.createInputTopic("in", new StringSerializer(),
                    new StringSerializer());
            // The driver commits after every record, and a commit flushes the store's memtable to a file.
            written.forEach(input::pipeInput);

            KeyValueStore<String, String> store = driver.getKeyValueStore("kv");
            written.forEach((key, value) -> assertThat(store.get(key)).isEqualTo(value));
            List<String> fileCompressions = new ArrayList<>();
            for (Path file : files(stateDir)) {
                fileCompressions.add(compressionOf(file));
            }
            assertThat(fileCompressions).isNotEmpty().containsOnly(inFile);
        }
    }

    /** A driver whose one RocksDB store, {@code kv}, holds the table of topic {@code in}, uncached. */
    private static TopologyTestDriver driver(Path stateDir, RocksDbSettings settings,
            Class<? extends RocksDBConfigSetter> setter) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("in", Consumed.with(Serdes.String(), Serdes.String()),
                Materialized.<String, String>as(Stores.persistentKeyValueStore("kv")).withCachingDisabled());
        Properties props = StreamsSettings.local("rocksdb-test", "unused:9092", stateDir, "127.0.0.1:8081", 100, 10_000)
                .withRocksDb(settings).toProperties();
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, setter);
        return new TopologyTestDriver(builder.build(), props);
    }

    private static List<Path> files(Path stateDir) throws Exception {
        try (Stream<Path> paths = Files.walk(stateDir)) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".sst")).toList();
        }
    }

    private static String compressionOf(Path file) throws RocksDBException {
        try (Options options = new Options(); SstFileReader reader = new SstFileReader(options)) {
            reader.open(file.toString());
            return reader.getTableProperties().getCompressionName();
        }
    }

    /** What the settings cover, and the Bloom filter Kafka Streams sets, as a store's options hold them. */
    record Knobs(CompressionType compression, long writeBufferSize, int maxWriteBuffers, long blockSize,
            Filter filter) {

        static Knobs of(Options options) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            return new Knobs(options.compressionType(), options.writeBufferSize(), options.maxWriteBufferNumber(),
                    table.blockSize(), table.filterPolicy());
        }
    }

    /** The processor's setter, noting each store's options before (Kafka Streams' own) and after it ran. */
    public static final class Observing implements RocksDBConfigSetter {

        static final Map<String, Knobs> STREAMS = new ConcurrentHashMap<>();
        static final Map<String, Knobs> OURS = new ConcurrentHashMap<>();

        private final RocksDbOptionsSetter setter = new RocksDbOptionsSetter();

        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            STREAMS.put(storeName, Knobs.of(options));
            setter.setConfig(storeName, options, configs);
            OURS.put(storeName, Knobs.of(options));
        }

        @Override
        public void close(String storeName, Options options) {
            setter.close(storeName, options);
        }
    }
}
