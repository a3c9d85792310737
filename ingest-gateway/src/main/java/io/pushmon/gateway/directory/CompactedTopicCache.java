package io.pushmon.gateway.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.clients.producer.RecordMetadata;

import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.kafka.TopicFollower;
import io.pushmon.common.topics.Topic;

/**
 * An in-memory copy of a compacted topic (key to latest value; a tombstone removes the key), read as every copy
 * of a topic is ({@link TopicFollower}), plus the writes this gateway makes to it.
 *
 * <p>Writes this gateway made are applied at once with the offset the broker acknowledged, and a record from
 * the log only replaces a key if it is at least as new: the follower may still be reading older records of the
 * same key, which must not undo a write the API already confirmed (a deleted monitor would otherwise accept
 * pushes again for a moment). That offset is remembered only until the follower reads the write back, so at
 * steady state nothing is remembered per key.
 *
 * <p>The values live in a {@link CacheStore}: by default two concurrent maps with an optional secondary index
 * (derived keys such as a push token or an API key hash), or a store built for one topic.
 *
 * @param <V> the value type
 */
public final class CompactedTopicCache<V> extends TopicFollower<String, V> {

    private final CacheStore<V> store;

    /**
     * Offset of each write this gateway applied that the follower has not read back yet; guarded by
     * {@code this}. Once the follower reaches it, nothing older of that key can come any more.
     */
    private final Map<String, Long> unreadWrites = new HashMap<>();
    /** Per partition, the offset after the last record the follower applied; guarded by {@code this}. */
    private final Map<Integer, Long> readUpTo = new HashMap<>();

    /**
     * @param consumerConfigs a group-less consumer's settings ({@code KafkaClients.groupless})
     * @param indexKeys       derives the secondary keys of a value; {@code v -> List.of()} for no index
     */
    public CompactedTopicCache(Topic<String, V> topic, Map<String, Object> consumerConfigs,
            Function<V, Collection<String>> indexKeys) {
        this(topic, consumerConfigs, new IndexedMapStore<>(indexKeys));
    }

    CompactedTopicCache(Topic<String, V> topic, Map<String, Object> consumerConfigs, CacheStore<V> store) {
        super(topic, consumerConfigs);
        this.store = store;
    }

    public Optional<V> get(String key) {
        return key == null ? Optional.empty() : store.get(key);
    }

    /** The value whose secondary keys include {@code indexKey}. */
    public Optional<V> getByIndex(String indexKey) {
        return indexKey == null ? Optional.empty() : store.getByIndex(indexKey);
    }

    public Collection<V> values() {
        return store.values();
    }

    /**
     * Writes the key's new value ({@code null}: a tombstone) to the topic, waiting for the broker's
     * acknowledgement, then applies it here at the acknowledged offset: what the API confirmed is what this
     * gateway serves next, whatever the follower has read so far.
     */
    public void write(RecordWriter writer, String key, V value) {
        applyWritten(key, writer.sendAndWait(topic(), key, value), value);
    }

    /** Applies a write this gateway made, with the partition and offset the broker acknowledged it at. */
    public void applyWritten(String key, RecordMetadata written, V value) {
        applyOwn(key, written.partition(), written.offset(), value);
    }

    /** Writes of this gateway that its follower has not read back yet. */
    synchronized int unreadWrites() {
        return unreadWrites.size();
    }

    private synchronized void applyOwn(String key, int partition, long offset, V value) {
        if (offset < readUpTo(partition)) {
            // The follower already applied this record, or a newer one of the key (a key stays in one
            // partition): the cache is at least this new, and the follower will not meet this offset again.
            return;
        }
        Long unread = unreadWrites.get(key);
        if (unread != null && offset <= unread) {
            return;
        }
        store(key, value);
        unreadWrites.put(key, offset);
    }

    @Override
    protected synchronized void apply(Entry<String, V> entry) {
        readUpTo.put(entry.partition(), entry.offset() + 1);
        Long unread = unreadWrites.get(entry.key());
        if (unread != null) {
            if (entry.offset() < unread) {
                return;
            }
            unreadWrites.remove(entry.key());
            if (entry.offset() == unread) {
                // Our own write, read back: already applied.
                return;
            }
        }
        store(entry.key(), entry.value());
    }

    private void store(String key, V value) {
        if (value == null) {
            store.remove(key);
        } else {
            store.put(key, value);
        }
    }

    private long readUpTo(int partition) {
        return readUpTo.getOrDefault(partition, 0L);
    }
}
