package io.pushmon.processor.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import io.pushmon.processor.config.ProcessorConfig.RocksDbCompression;

/**
 * Sets up every RocksDB store of one processor from its {@link RocksDbSettings}: compression, memtable and block
 * sizes, and one cap on the off-heap memory of all stores together. Each store instance would otherwise take its
 * own block cache and write buffers (a 50 MB cache and up to three 16 MB memtables with Kafka Streams' defaults),
 * and a processor holds a few stores per task and one task per partition it owns or stands by for: with 48
 * partitions that is far beyond any container limit, and the kernel, not the JVM, would end the pod.
 *
 * <p>Every store shares one LRU cache; memtables are charged to the same cache through one write buffer manager,
 * and index and filter blocks live in it too, so the total is the configured size whatever the store count.
 * Kafka Streams creates this class by name, so the settings arrive as Streams properties
 * ({@link RocksDbSettings#streamsProperties()}).
 */
public final class RocksDbOptionsSetter implements RocksDBConfigSetter {

    /** Share of the budget memtables may take; the rest caches blocks. */
    static final double WRITE_BUFFER_SHARE = 0.25;
    /** Share of the cache kept for index and filter blocks, which every read needs. */
    static final double HIGH_PRIORITY_SHARE = 0.1;

    /** One cache per budget and JVM; a map only because tests run instances with different budgets side by side. */
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        RocksDbSettings settings = RocksDbSettings.from(configs);
        Shared shared = shared(settings.memoryBytes());
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(settings.blockBytes());
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
        options.setCompressionType(compressionType(settings.compression()));
        options.setWriteBufferSize(settings.writeBufferBytes());
        options.setMaxWriteBufferNumber(settings.maxWriteBuffers());
    }

    /** The shared cache of a budget; package-visible so a test can see that stores really share it. */
    static Cache cache(long bytes) {
        return shared(bytes).cache();
    }

    private static Shared shared(long bytes) {
        return SHARED.computeIfAbsent(bytes, b -> {
            // strictCapacityLimit=false: a read that needs more than the cache has still succeeds, briefly over
            // budget, instead of failing the store and with it the stream thread.
            Cache cache = new LRUCache(b, -1, false, HIGH_PRIORITY_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (b * WRITE_BUFFER_SHARE), cache));
        });
    }

    private static CompressionType compressionType(RocksDbCompression compression) {
        return switch (compression) {
            case NONE -> CompressionType.NO_COMPRESSION;
            case LZ4 -> CompressionType.LZ4_COMPRESSION;
            case ZSTD -> CompressionType.ZSTD_COMPRESSION;
            case SNAPPY -> CompressionType.SNAPPY_COMPRESSION;
        };
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store and live as long as the JVM.
    }
}
