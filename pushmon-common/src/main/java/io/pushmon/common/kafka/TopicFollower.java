package io.pushmon.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.pushmon.common.topics.Topic;

/**
 * Reads a whole topic from the beginning on a thread of its own, then follows it: how every service keeps a
 * copy of a compacted topic (monitors, channels, tenants) or an index of a log (the delivery log). It assigns
 * itself every partition and joins no group, because each instance needs all of it and a group would only
 * add rebalances.
 *
 * <p>A copy extends it and says in {@link #apply} what a record does to it. It is caught up once it has read up
 * to the end offsets it saw at its first start; before that, a missing
 * key may just not have been read yet. When reading fails (a broker outage outlasting the client's retries),
 * it opens a new consumer and resumes after the last record it handed on, so the sink sees each record once,
 * in offset order per partition. A record it cannot decode or apply is counted and skipped: one bad record must
 * not stop a service from learning about every later one.
 *
 * @param <K> key type of the topic
 * @param <V> value type of the topic; null values (tombstones) are handed on as null
 */
public abstract class TopicFollower<K, V> implements AutoCloseable {

    /** One record of the topic, decoded. */
    public record Entry<K, V>(K key, V value, int partition, long offset, long timestamp) {
    }

    private static final Logger LOG = Logger.getLogger(TopicFollower.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Topic<K, V> topic;
    private final Map<String, Object> consumerConfigs;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final AtomicLong unreadable = new AtomicLong();
    /** Next offset to read per partition; only the follower's thread touches it. */
    private final Map<Integer, Long> positions = new HashMap<>();
    /** End offsets seen at the first start that are not reached yet; only the follower's thread touches it. */
    private Map<TopicPartition, Long> catchUpTarget;

    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /**
     * @param consumerConfigs settings of a group-less consumer, as {@link KafkaClients#groupless} makes them
     */
    protected TopicFollower(Topic<K, V> topic, Map<String, Object> consumerConfigs) {
        this.topic = topic;
        this.consumerConfigs = Map.copyOf(consumerConfigs);
    }

    /** Applies one record; runs on the follower's thread only, in offset order per partition. */
    protected abstract void apply(Entry<K, V> entry);

    public final synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "pushmon-follow-" + topic.topicName());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public final void close() {
        Thread reader;
        synchronized (this) {
            running = false;
            reader = thread;
        }
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public final Topic<K, V> topic() {
        return topic;
    }

    /** Completes once everything that was in the topic at the first start has been handed on. */
    public final CompletionStage<Void> caughtUp() {
        return caughtUp;
    }

    public final boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    /** Waits until caught up; false on timeout. */
    public final boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }

    /** False once the reading thread has ended while it should run. */
    public final boolean isReading() {
        Thread reader = thread;
        return reader != null && reader.isAlive();
    }

    /** Records that could not be decoded or applied and were skipped. */
    public final long unreadableRecords() {
        return unreadable.get();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerConfigs,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = reader;
                if (!running) {
                    return;
                }
                follow(reader);
            } catch (WakeupException e) {
                if (running) {
                    LOG.warning(() -> "Reader of " + topic + " was woken up unexpectedly; reading on");
                }
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, e, () -> "Reading " + topic + " failed; resuming where it stopped");
                    pause();
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> reader) {
        List<TopicPartition> partitions = reader.partitionsFor(topic.topicName(), METADATA_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partitions (not provisioned?)");
        }
        reader.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long next = positions.get(partition.partition());
            if (next == null) {
                reader.seekToBeginning(List.of(partition));
            } else {
                reader.seek(partition, next);
            }
        }
        if (catchUpTarget == null) {
            catchUpTarget = new HashMap<>(reader.endOffsets(partitions, METADATA_TIMEOUT));
        }
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
                handOn(record);
                positions.put(record.partition(), record.offset() + 1);
            }
            if (!caughtUp.isDone()) {
                catchUpTarget.entrySet().removeIf(end -> reader.position(end.getKey()) >= end.getValue());
                if (catchUpTarget.isEmpty()) {
                    LOG.info(() -> "Read " + topic + " up to its end");
                    caughtUp.complete(null);
                }
            }
        }
    }

    private void handOn(ConsumerRecord<byte[], byte[]> record) {
        K key;
        V value;
        try {
            key = record.key() == null ? null : topic.key(record);
            value = topic.value(record);
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            LOG.warning(() -> "Skipping unreadable record at " + record.topic() + "-" + record.partition()
                    + " offset " + record.offset() + ": " + e.getClass().getSimpleName());
            return;
        }
        if (key == null) {
            unreadable.incrementAndGet();
            return;
        }
        try {
            apply(new Entry<>(key, value, record.partition(), record.offset(), record.timestamp()));
        } catch (RuntimeException e) {
            // Handing it on again would fail the same way and stop the reader at this record for good.
            unreadable.incrementAndGet();
            LOG.warning(() -> "Skipping a record the reader of " + topic + " could not apply at partition "
                    + record.partition() + " offset " + record.offset() + ": " + e.getClass().getSimpleName());
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
