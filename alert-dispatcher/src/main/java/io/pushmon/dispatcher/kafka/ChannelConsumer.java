package io.pushmon.dispatcher.kafka;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.pushmon.common.topics.Topic;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes one incoming channel of the messaging connector ({@code quarkus-messaging-kafka}), handing each record
 * to asynchronous work and acknowledging it once that work is durable. With the connector's {@code throttled}
 * commit strategy, records finish in any order and each partition's commit stops at its lowest unacknowledged
 * record, so a crash re-reads whatever was not finished. At most {@code maxUnfinished} records are in work at
 * once; the connector pauses its partitions while no more are requested.
 *
 * <p>Work that fails (its durable writes could not be made) is negatively acknowledged: with the {@code fail}
 * strategy the channel stops without committing it, {@link #failed()} turns true and the instance reports itself
 * not alive, so the record is read again by whoever owns the partition next. Work that is cancelled (its partition
 * moved to another member) is neither: the record stays uncommitted and the new owner does the work.
 *
 * <p>Nothing is read until {@link #start()} subscribes: the dispatcher starts its consumers only once the channel
 * definitions are read.
 */
public abstract class ChannelConsumer<V> {

    private static final Logger LOG = Logger.getLogger(ChannelConsumer.class);

    private final Topic<String, V> topic;
    private final Multi<Message<byte[]>> records;
    private final Partitions partitions;
    private final int maxUnfinished;
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile Throwable failure;
    private boolean started;

    protected ChannelConsumer(Topic<String, V> topic, Multi<Message<byte[]>> records, Partitions partitions,
            int maxUnfinished) {
        this.topic = topic;
        this.records = records;
        this.partitions = partitions;
        this.maxUnfinished = Math.max(1, maxUnfinished);
    }

    /**
     * Starts the work for one record without waiting for it. The stage completes when the work is durable, and
     * completes exceptionally only when it could not be made durable; a cancelled stage means abandoned.
     *
     * @param position where the record sits
     * @param value    its value, decoded; null for a record without one
     */
    protected abstract CompletionStage<Void> handle(Position position, V value);

    /** Subscribes to the channel, which makes the connector join the group and poll. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        records.onItem().transformToUni(this::process).merge(maxUnfinished)
                .subscribe().with(done -> { }, this::stopped);
    }

    private Uni<Boolean> process(Message<byte[]> message) {
        unfinished.incrementAndGet();
        Position position = Position.of(message);
        return Uni.createFrom().completionStage(() -> work(position, message.getPayload()))
                .onItemOrFailure().transformToUni((ignored, error) -> settle(message, position, error))
                .eventually(unfinished::decrementAndGet)
                .replaceWith(Boolean.TRUE);
    }

    private CompletionStage<Void> work(Position position, byte[] payload) {
        V value;
        try {
            value = topic.value(payload);
        } catch (SerializationException e) {
            // Retrying cannot make it readable; holding it would stop the partition's commits for good.
            LOG.warnf("Skipping unreadable record %s", position);
            return CompletableFuture.completedFuture(null);
        }
        try {
            return handle(position, value);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Uni<Void> settle(Message<byte[]> message, Position position, Throwable error) {
        if (error == null) {
            return Uni.createFrom().completionStage(message::ack);
        }
        Throwable cause = error instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause()
                : error;
        if (cause instanceof CancellationException) {
            LOG.debugf("Abandoned %s: its partition moved to another member", position);
            return Uni.createFrom().voidItem();
        }
        LOG.errorf("Stopping: the outcome of %s could not be written (%s); it stays uncommitted", position,
                cause.getClass().getSimpleName());
        return Uni.createFrom().completionStage(() -> message.nack(cause));
    }

    private void stopped(Throwable error) {
        failure = error;
        LOG.errorf("The consumer of %s stopped: %s", topic, error.getClass().getSimpleName());
    }

    /** Records read whose work has not finished yet. */
    public int unfinished() {
        return unfinished.get();
    }

    /** True once the group gave this consumer its partitions (possibly none). */
    public boolean assigned() {
        return partitions.assigned();
    }

    /** True when the consumer stopped because work could not be made durable. */
    public boolean failed() {
        return failure != null;
    }

    /**
     * Where a record sits; its text is what logs show of a record, never its content.
     *
     * @param partition the record's topic and partition
     * @param offset    its offset
     */
    public record Position(TopicPartition partition, long offset) {

        static Position of(Message<?> message) {
            IncomingKafkaRecordMetadata<?, ?> meta = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new IllegalStateException("not a Kafka record"));
            return new Position(new TopicPartition(meta.getTopic(), meta.getPartition()), meta.getOffset());
        }

        @Override
        public String toString() {
            return partition + "@" + offset;
        }
    }
}
