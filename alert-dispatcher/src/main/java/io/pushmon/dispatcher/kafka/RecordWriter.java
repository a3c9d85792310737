package io.pushmon.dispatcher.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.pushmon.common.serde.JsonSerde;
import io.pushmon.common.topics.Topic;

/**
 * Writes the dispatcher's own records (delivery log, retries, dead letters) and tells when the broker has
 * them: an event's offset is committed only after these writes are acknowledged.
 */
public final class RecordWriter implements AutoCloseable {

    private final KafkaProducer<String, Object> producer;

    /**
     * @param maxBlock how long {@code send} may block waiting for metadata or buffer space: a write that cannot
     *                 start in that time fails instead of holding its thread for Kafka's default minute
     */
    public RecordWriter(String bootstrapServers, Duration maxBlock) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "pushmon-dispatcher-writer"),
                new StringSerializer(), new JsonSerde<>(Object.class));
    }

    /**
     * Completes when the broker acknowledged the record, exceptionally when it could not be written. The call
     * itself may block up to max.block: never call it from an event loop.
     */
    public CompletableFuture<Void> write(Topic topic, String key, Object value) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), key, value), (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(null);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @Override
    public void close() {
        producer.close();
    }
}
