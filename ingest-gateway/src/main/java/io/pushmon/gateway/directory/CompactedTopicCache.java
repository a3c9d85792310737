package io.pushmon.gateway.directory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.kafka.RecordWriter;

/**
 * An in-memory copy of a compacted topic (key to latest value; a tombstone removes the key), read from the
 * beginning by a plain consumer on its own thread. It assigns itself every partition and joins no group:
 * each gateway needs the whole topic, and a group would only add rebalances.
 *
 * <p>It is caught up once it has read up to the end offsets it saw when it started; before that, a missing
 * key may just not have been read yet. Writes this gateway made are applied at once with the offset the
 * broker acknowledged, and a record from the log only replaces a key if it is at least as new: the consumer
 * may still be reading older records of the same key, which must not undo a write the API already
 * confirmed (a deleted monitor would otherwise accept pushes again for a moment). That offset is remembered
 * only until the consumer reads the write back, so at steady state nothing is remembered per key.
 *
 * <p>The values live in a {@link CacheStore}: by default two concurrent maps with an optional secondary index
 * (derived keys such as a push token or an API key hash), or a store built for one topic.
 *
 * @param <V> the value type
 */
public final class CompactedTopicCache<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicCache.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Topic topic;
    private final Serde<V> serde;
    private final Map<String, Object> consumerConfigs;
    private final CacheStore<V> store;

    /**
     * Offset of each write this gateway applied that the consumer has not read back yet; guarded by
     * {@code this}. Once the consumer reaches it, nothing older of that key can come any more.
     */
    private final Map<String, Long> unreadWrites = new HashMap<>();
    /** Per partition, the offset after the last record the consumer applied; guarded by {@code this}. */
    private final Map<Integer, Long> readUpTo = new HashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final AtomicLong unreadable = new AtomicLong();

    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param indexKeys derives the secondary keys of a value; {@code v -> List.of()} for no index
     */
    public CompactedTopicCache(Topic topic, Serde<V> serde, Map<String, Object> consumerConfigs,
            Function<V, Collection<String>> indexKeys) {
        this(topic, serde, consumerConfigs, new IndexedMapStore<>(indexKeys));
    }

    CompactedTopicCache(Topic topic, Serde<V> serde, Map<String, Object> consumerConfigs, CacheStore<V> store) {
        this.topic = topic;
        this.serde = serde;
        this.consumerConfigs = Map.copyOf(consumerConfigs);
        this.store = store;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "pushmon-cache-" + topic.topicName());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        Thread reader;
        synchronized (this) {
            running = false;
            reader = thread;
        }
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
     * gateway serves next, whatever the consumer has read so far.
     */
    public void write(RecordWriter writer, String key, V value) {
        byte[] bytes = value == null ? null : serde.serializer().serialize(topic.topicName(), value);
        applyWritten(key, writer.sendAndWait(new ProducerRecord<>(topic.topicName(), key, bytes)), value);
    }

    /** Applies a write this gateway made, with the partition and offset the broker acknowledged it at. */
    public void applyWritten(String key, RecordMetadata written, V value) {
        applyOwn(key, written.partition(), written.offset(), value);
    }

    /** Writes of this gateway that its consumer has not read back yet. */
    synchronized int unreadWrites() {
        return unreadWrites.size();
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone() && !caughtUp.isCompletedExceptionally();
    }

    public CompletionStage<Void> caughtUp() {
        return caughtUp;
    }

    /** False once the reading thread has ended while it should run. */
    public boolean isReading() {
        Thread reader = thread;
        return reader != null && reader.isAlive();
    }

    /** Records that could not be read as values and were skipped. */
    public long unreadableRecords() {
        return unreadable.get();
    }

    public Topic topic() {
        return topic;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfigs, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = reader;
                if (!running) {
                    return;
                }
                readFromBeginning(reader);
            } catch (WakeupException e) {
                if (running) {
                    LOG.warnf("Cache of %s was woken up unexpectedly; reading again", topic);
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warnf(e, "Cache of %s failed to read; reading again from the beginning", topic);
                    pause();
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void readFromBeginning(KafkaConsumer<String, byte[]> reader) {
        List<TopicPartition> partitions = reader.partitionsFor(topic.topicName(), METADATA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partitions (not provisioned?)");
        }
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> target = new HashMap<>(reader.endOffsets(partitions, METADATA_TIMEOUT));
        while (running) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                applyFromLog(record);
            }
            if (!caughtUp.isDone()) {
                target.entrySet().removeIf(end -> reader.position(end.getKey()) >= end.getValue());
                if (target.isEmpty()) {
                    LOG.infof("Cache of %s caught up: %d entries", topic, store.size());
                    caughtUp.complete(null);
                }
            }
        }
    }

    private void applyFromLog(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            unreadable.incrementAndGet();
            return;
        }
        V value;
        try {
            value = serde.deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            // One bad record must not stop the gateway from learning about every later one.
            unreadable.incrementAndGet();
            LOG.warnf("Skipping unreadable record at %s-%d offset %d: %s", record.topic(), record.partition(),
                    record.offset(), e.getClass().getSimpleName());
            return;
        }
        applyRead(record.key(), record.partition(), record.offset(), value);
    }

    private synchronized void applyOwn(String key, int partition, long offset, V value) {
        if (offset < readUpTo(partition)) {
            // The consumer already applied this record, or a newer one of the key (a key stays in one
            // partition): the cache is at least this new, and the consumer will not meet this offset again.
            return;
        }
        Long unread = unreadWrites.get(key);
        if (unread != null && offset <= unread) {
            return;
        }
        store(key, value);
        unreadWrites.put(key, offset);
    }

    private synchronized void applyRead(String key, int partition, long offset, V value) {
        if (offset < readUpTo(partition)) {
            // Reading from the beginning again after a failure: this record was applied the first time.
            return;
        }
        readUpTo.put(partition, offset + 1);
        Long unread = unreadWrites.get(key);
        if (unread != null) {
            if (offset < unread) {
                return;
            }
            unreadWrites.remove(key);
            if (offset == unread) {
                // Our own write, read back: already applied.
                return;
            }
        }
        store(key, value);
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

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
