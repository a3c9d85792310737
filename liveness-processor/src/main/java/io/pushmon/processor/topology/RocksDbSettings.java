package io.pushmon.processor.topology;

import java.util.Map;
import java.util.Objects;

import io.pushmon.processor.config.ProcessorConfig.RocksDbCompression;

/**
 * How the RocksDB stores of one processor are set up ({@code pushmon.processor.rocksdb-*}). Apart from the memory
 * bound, the defaults are Kafka Streams' own, so that each setting is a choice a benchmark compares against them.
 *
 * @param memoryBytes      off-heap memory all stores share: block cache, index and filter blocks, memtables
 * @param compression      how the stores compress their files
 * @param writeBufferBytes size at which a store's memtable is flushed
 * @param maxWriteBuffers  memtables one store may hold, the one written and those waiting to be flushed
 * @param blockBytes       uncompressed size of the blocks RocksDB reads, caches and compresses
 */
public record RocksDbSettings(long memoryBytes, RocksDbCompression compression, long writeBufferBytes,
        int maxWriteBuffers, long blockBytes) {

    /** Kafka Streams 4.1's memtable size (RocksDBStore). */
    static final long STREAMS_WRITE_BUFFER_BYTES = 16L << 20;
    /** Kafka Streams 4.1's memtables per store (RocksDBStore). */
    static final int STREAMS_MAX_WRITE_BUFFERS = 3;
    /** Kafka Streams 4.1's block size (RocksDBStore). */
    static final long STREAMS_BLOCK_BYTES = 4L << 10;

    // RocksDB quietly moves a memtable size outside this range, or a count below two, to the nearest value it takes:
    // a benchmark would measure another setting than the one it names.
    private static final long MIN_WRITE_BUFFER_BYTES = 64L << 10;
    private static final long MAX_WRITE_BUFFER_BYTES = 64L << 30;
    private static final int MIN_WRITE_BUFFERS = 2;
    // RocksDB refuses to open a store with larger blocks, which would fail the stream thread instead of the start.
    private static final long MAX_BLOCK_BYTES = (1L << 32) - 1;

    private static final String MEMORY_BYTES = "pushmon.rocksdb.memory.bytes";
    private static final String COMPRESSION = "pushmon.rocksdb.compression";
    private static final String WRITE_BUFFER_BYTES = "pushmon.rocksdb.write.buffer.bytes";
    private static final String MAX_WRITE_BUFFERS = "pushmon.rocksdb.max.write.buffers";
    private static final String BLOCK_BYTES = "pushmon.rocksdb.block.bytes";

    public RocksDbSettings {
        Objects.requireNonNull(compression, "compression");
        if (writeBufferBytes < MIN_WRITE_BUFFER_BYTES || writeBufferBytes > MAX_WRITE_BUFFER_BYTES) {
            throw new IllegalArgumentException("pushmon.processor.rocksdb-write-buffer-size must be from 64K to 64G, "
                    + "not " + writeBufferBytes + " bytes");
        }
        if (maxWriteBuffers < MIN_WRITE_BUFFERS) {
            throw new IllegalArgumentException("pushmon.processor.rocksdb-max-write-buffers must be at least "
                    + MIN_WRITE_BUFFERS + ", not " + maxWriteBuffers);
        }
        if (blockBytes < 1 || blockBytes > MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("pushmon.processor.rocksdb-block-size must be above 0 and below 4G, not "
                    + blockBytes + " bytes");
        }
    }

    /** Kafka Streams' own settings, with every store inside one bound of {@code memoryBytes}. */
    public static RocksDbSettings streamsDefaults(long memoryBytes) {
        return new RocksDbSettings(memoryBytes, RocksDbCompression.NONE, STREAMS_WRITE_BUFFER_BYTES,
                STREAMS_MAX_WRITE_BUFFERS, STREAMS_BLOCK_BYTES);
    }

    /**
     * The Streams properties that carry these settings to {@link RocksDbOptionsSetter}, which Kafka Streams creates
     * by name and hands nothing but its configuration.
     */
    Map<String, Object> streamsProperties() {
        return Map.of(MEMORY_BYTES, memoryBytes, COMPRESSION, compression.name(), WRITE_BUFFER_BYTES, writeBufferBytes,
                MAX_WRITE_BUFFERS, maxWriteBuffers, BLOCK_BYTES, blockBytes);
    }

    /** The settings {@link #streamsProperties()} put into a Streams configuration. */
    static RocksDbSettings from(Map<String, ?> configs) {
        return new RocksDbSettings(Long.parseLong(required(configs, MEMORY_BYTES)),
                RocksDbCompression.valueOf(required(configs, COMPRESSION)),
                Long.parseLong(required(configs, WRITE_BUFFER_BYTES)),
                Integer.parseInt(required(configs, MAX_WRITE_BUFFERS)), Long.parseLong(required(configs, BLOCK_BYTES)));
    }

    private static String required(Map<String, ?> configs, String key) {
        Object value = configs.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not set for the RocksDB stores");
        }
        return value.toString();
    }
}
