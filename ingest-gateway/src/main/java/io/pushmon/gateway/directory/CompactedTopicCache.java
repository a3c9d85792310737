package io.pushmon.gateway.directory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
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
 * confirmed (a deleted monitor would otherwise accept pushes again for a moment).
 *
 * <p>An optional secondary index maps derived keys (a push token, an API key hash) to the primary key.
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
    private final Function<V, Collection<String>> indexKeys;

    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final Map<String, String> index = new ConcurrentHashMap<>();
    /** Offset of the record each key's current state came from; guarded by {@code this}. */
    private final Map<String, Long> offsets = new HashMap<>();
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
        this.topic = topic;
        this.serde = serde;
        this.consumerConfigs = Map.copyOf(consumerConfigs);
        this.indexKeys = indexKeys;
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
        return key == null ? Optional.empty() : Optional.ofNullable(values.get(key));
    }

    /** The value whose secondary keys include {@code indexKey}. */
    public Optional<V> getByIndex(String indexKey) {
        String key = indexKey == null ? null : index.get(indexKey);
        if (key == null) {
            return Optional.empty();
        }
        // Index and values are two maps: re-check, so a lookup racing an update never returns a value
        // that no longer carries this secondary key (a rotated token must stop working at once).
        return get(key).filter(value -> indexKeys.apply(value).contains(indexKey));
    }

    public Collection<V> values() {
        return List.copyOf(values.values());
    }

    /** Applies a write this gateway made, with the offset the broker acknowledged it at. */
    /**
     * Writes the key's new value ({@code null}: a tombstone) to the topic, waiting for the broker's
     * acknowledgement, then applies it here at the acknowledged offset: what the API confirmed is what this
     * gateway serves next, whatever the consumer has read so far.
     */
    public void write(RecordWriter writer, String key, V value) {
        byte[] bytes = value == null ? null : serde.serializer().serialize(topic.topicName(), value);
        applyWritten(key, writer.sendAndWait(new ProducerRecord<>(topic.topicName(), key, bytes)), value);
    }

    public void applyWritten(String key, RecordMetadata written, V value) {
        apply(key, written.offset(), value, false);
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
                    LOG.infof("Cache of %s caught up: %d entries", topic, values.size());
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
        apply(record.key(), record.offset(), value, true);
    }

    private synchronized void apply(String key, long offset, V value, boolean fromLog) {
        Long current = offsets.get(key);
        if (current != null && offset <= current) {
            if (fromLog && value == null && offset == current) {
                // The log has reached our own tombstone: nothing older of this key can come any more.
                offsets.remove(key);
            }
            return;
        }
        V previous = value == null ? values.remove(key) : values.put(key, value);
        Collection<String> added = value == null ? List.of() : indexKeys.apply(value);
        // Add before removing: readers do not lock, and a secondary key that the old and the new value share
        // (the API key of a tenant whose other key changed) must not vanish for an instant.
        added.forEach(indexKey -> index.put(indexKey, key));
        if (previous != null) {
            indexKeys.apply(previous).stream().filter(indexKey -> !added.contains(indexKey))
                    .forEach(indexKey -> index.remove(indexKey, key));
        }
        if (value == null && fromLog) {
            offsets.remove(key);
        } else {
            offsets.put(key, offset);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
