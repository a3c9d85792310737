package io.pushmon.gateway.kafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;

import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.topics.Topic;

/**
 * Writes to {@code heartbeats} without ever blocking the caller: its producer has {@code max.block.ms} zero, so
 * a send either queues the record at once or fails at once (buffer full, metadata unknown) with a
 * KafkaUnavailableException that becomes a 503. {@link #awaitMetadata} at start, and the ticks every half
 * second after, keep the topic's metadata in the producer, so a push never waits for it.
 */
public final class HeartbeatWriter implements AutoCloseable {

    private final RecordWriter writer;

    public HeartbeatWriter(RecordWriter writer) {
        this.writer = writer;
    }

    /** Completes when the brokers acknowledged the heartbeat. Safe to call on an event loop. */
    public CompletableFuture<RecordMetadata> push(String monitorId, Heartbeat heartbeat) {
        return writer.send(Topic.HEARTBEATS, monitorId, heartbeat);
    }

    /** A tick for one partition, keyed {@code key}. */
    public CompletableFuture<RecordMetadata> tick(int partition, String key, Heartbeat tick) {
        return writer.send(Topic.HEARTBEATS, partition, key, tick);
    }

    /** The partitions of {@code heartbeats}; fails at once while the producer does not know them yet. */
    public List<PartitionInfo> partitions() {
        return writer.partitions(Topic.HEARTBEATS);
    }

    /** Blocks until the producer holds the topic's metadata, at most {@code within}; false if it did not arrive. */
    public boolean awaitMetadata(Duration within) throws InterruptedException {
        return writer.awaitMetadata(within, Topic.HEARTBEATS);
    }

    @Override
    public void close() {
        writer.close();
    }
}
