package io.pushmon.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;

import io.pushmon.common.topics.Topic;

/**
 * Writes typed records and reports the brokers' acknowledgement. Every way of not getting one, whatever the
 * Kafka exception, becomes a {@link KafkaUnavailableException}: to a caller, "not written" is all that matters.
 *
 * <p>Whether {@link #send} can block depends on the producer's {@code max.block.ms}: a writer for an event loop
 * is built with zero (see {@link KafkaClients#producer}) and warmed with {@link #awaitMetadata} at start, so a
 * send then either queues the record at once or fails at once (a full buffer, an unknown topic).
 */
public final class RecordWriter implements AutoCloseable {

    private static final long WAIT_MARGIN_MILLIS = 2000;

    private final Producer<byte[], byte[]> producer;
    private final long waitMillis;

    /**
     * @param produceTimeout the producer's delivery bound; {@link #sendAndWait} waits that long plus a margin for
     *                       the producer's own bookkeeping, since the producer gives up by itself after it
     */
    public RecordWriter(Producer<byte[], byte[]> producer, Duration produceTimeout) {
        this.producer = producer;
        this.waitMillis = produceTimeout.toMillis() + WAIT_MARGIN_MILLIS;
    }

    /** Completes when the brokers acknowledged the record, exceptionally with KafkaUnavailableException if not. */
    public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
        return send(topic.record(key, value));
    }

    /** The same for one chosen partition. */
    public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, int partition, K key, V value) {
        return send(topic.record(partition, key, value));
    }

    /** Sends and waits, bounded by the produce timeout: for callers on worker threads. */
    public <K, V> RecordMetadata sendAndWait(Topic<K, V> topic, K key, V value) {
        try {
            return send(topic, key, value).get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaUnavailableException unavailable) {
                throw unavailable;
            }
            throw unavailable(topic.topicName(), e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(topic.topicName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(topic.topicName(), e);
        }
    }

    /** The topic's partitions as the producer knows them; fails at once when it does not know them yet. */
    public List<PartitionInfo> partitions(Topic<?, ?> topic) {
        try {
            return producer.partitionsFor(topic.topicName());
        } catch (KafkaException e) {
            throw unavailable(topic.topicName(), e);
        }
    }

    /**
     * Blocks until the producer holds the metadata of each topic, at most {@code within}: a producer that must
     * never block has to learn it before its first send. False when some topic's metadata did not arrive.
     */
    public boolean awaitMetadata(Duration within, Topic<?, ?>... topics) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        for (Topic<?, ?> topic : topics) {
            while (true) {
                try {
                    // With max.block.ms at zero this asks for the metadata and fails until it has arrived.
                    producer.partitionsFor(topic.topicName());
                    break;
                } catch (KafkaException notYet) {
                    if (System.nanoTime() > deadline) {
                        return false;
                    }
                    Thread.sleep(50);
                }
            }
        }
        return true;
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(unavailable(record.topic(), error));
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (KafkaException e) {
            acked.completeExceptionally(unavailable(record.topic(), e));
        }
        return acked;
    }

    private static KafkaUnavailableException unavailable(String topic, Throwable cause) {
        return new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic + ": "
                + cause.getClass().getSimpleName(), cause);
    }

    /** Sends what is still buffered, waiting at most the produce timeout, and closes the producer. */
    @Override
    public void close() {
        producer.close(Duration.ofMillis(waitMillis));
    }
}
