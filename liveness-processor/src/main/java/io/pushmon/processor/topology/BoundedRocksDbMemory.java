package io.pushmon.processor.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of all RocksDB stores of one processor at one figure. Each store instance would
 * otherwise take its own block cache and write buffers (about 50 MB with Kafka Streams' defaults), and a
 * processor holds a few stores per task and one task per partition it owns or stands by for: with 48 partitions
 * that is far beyond any container limit, and the kernel, not the JVM, would end the pod.
 *
 * <p>Every store shares one LRU cache; memtables are charged to the same cache through one write buffer manager,
 * and index and filter blocks live in it too, so the total is the configured size whatever the store count.
 * Kafka Streams creates this class by name, so the size arrives as a Streams property ({@link #MEMORY_BYTES}).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams property carrying the byte budget. */
    public static final String MEMORY_BYTES = "pushmon.rocksdb.memory.bytes";
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
        Object configured = configs.get(MEMORY_BYTES);
        if (configured == null) {
            throw new IllegalStateException(MEMORY_BYTES + " is not set for the RocksDB memory bound");
        }
        Shared shared = shared(Long.parseLong(configured.toString()));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
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

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store and live as long as the JVM.
    }
}
