package io.pushmon.gateway.kafka;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import io.pushmon.gateway.GatewayConfig;

/**
 * Writes records and reports the broker's acknowledgement. Every failure to get one, whatever the Kafka
 * exception, becomes a {@link KafkaUnavailableException}: to a client, "not written" is all that matters.
 */
@ApplicationScoped
public class RecordWriter {

    private final Producer<String, byte[]> producer;
    private final long waitMillis;

    @Inject
    public RecordWriter(Producer<String, byte[]> producer, GatewayConfig config) {
        this(producer, config.kafka().produceTimeout().toMillis());
    }

    public RecordWriter(Producer<String, byte[]> producer, long produceTimeoutMillis) {
        this.producer = producer;
        // The producer gives up by itself after its delivery timeout; the margin only covers its bookkeeping.
        this.waitMillis = produceTimeoutMillis + 2000;
    }

    /** Sends without blocking longer than the producer's max.block.ms; completes when the broker acknowledged. */
    public CompletionStage<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
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

    /** Sends and waits, bounded by the produce timeout: for management calls on worker threads. */
    public RecordMetadata sendAndWait(ProducerRecord<String, byte[]> record) {
        try {
            return send(record).toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaUnavailableException unavailable) {
                throw unavailable;
            }
            throw unavailable(record.topic(), e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(record.topic(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(record.topic(), e);
        }
    }

    private static KafkaUnavailableException unavailable(String topic, Throwable cause) {
        return new KafkaUnavailableException("Kafka did not acknowledge the write to " + topic + ": "
                + cause.getClass().getSimpleName(), cause);
    }
}
