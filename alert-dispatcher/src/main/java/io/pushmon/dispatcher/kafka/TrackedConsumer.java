package io.pushmon.dispatcher.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.topics.Topic;

/**
 * A consumer-group member that hands each record to asynchronous work and commits a record's offset only
 * once that work is durable, in offset order per partition ({@link OffsetTracker}). The poll thread never
 * waits for the work: it polls, starts work, collects what finished and commits. When too many records are
 * unfinished it pauses its partitions, so memory stays bounded while it keeps its group membership.
 *
 * <p>If work fails (its durable writes could not be made), the record is never marked finished, the
 * consumer stops, and {@link #failed()} turns true: the offset stays uncommitted and the record is read
 * again by whoever owns the partition next.
 */
public abstract class TrackedConsumer<V> implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrackedConsumer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Topic<String, V> topic;
    private final Map<String, Object> consumerConfig;
    private final int maxUnfinished;
    private final Duration commitInterval;
    private final Duration shutdownGrace;

    private final OffsetTracker tracker = new OffsetTracker();
    private final Queue<Finished> finishedQueue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean commitOnStop = true;
    private volatile boolean assigned;
    private volatile Throwable failure;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    private boolean paused;
    private long lastCommit;

    /** Session timeout of every tracked consumer, in milliseconds. */
    static final int SESSION_TIMEOUT_MS = 10_000;

    /**
     * @param name           thread and client name
     * @param topic          the topic to consume
     * @param groupId        the consumer group
     * @param maxUnfinished  unfinished records at which partitions are paused (resumed at half)
     * @param commitInterval how often finished offsets are committed
     * @param shutdownGrace  how long {@link #close()} waits for unfinished work before the final commit
     */
    protected TrackedConsumer(String name, KafkaConfig kafka, Topic<String, V> topic, String groupId,
            int maxUnfinished, Duration commitInterval, Duration shutdownGrace) {
        this.name = name;
        this.topic = topic;
        this.maxUnfinished = Math.max(1, maxUnfinished);
        this.commitInterval = commitInterval;
        this.shutdownGrace = shutdownGrace;
        // A new group starts at the beginning of retention: notifying late beats losing an outage.
        Map<String, Object> config = KafkaClients.groupMember(kafka, name, groupId);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        // A crashed member keeps its partitions, and their notifications wait, until its session expires: the
        // 45 s default is far too long for alerts. Work is handed off without blocking the poll loop, so the
        // loop heartbeats steadily and a short session does not cause spurious rebalances.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, SESSION_TIMEOUT_MS / 3);
        this.consumerConfig = Map.copyOf(config);
    }

    /**
     * Starts the work for one record without waiting for it. The stage completes when the work is durable
     * and completes exceptionally only when it could not be made durable. A stage that is cancelled (see
     * {@link #partitionsGone}) counts as abandoned: neither finished nor failed, so its offset is not committed.
     *
     * @param record where the record sits
     * @param value  its value, decoded; null for a record without one
     */
    protected abstract CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record, V value);

    /**
     * Called on the poll thread when partitions were revoked or lost, after what was finished of them was
     * committed. Their records now belong to another member, which reads them again from the committed
     * offset: work of them that has not started yet should be cancelled, or both members would do it.
     */
    protected void partitionsGone(Collection<TopicPartition> partitions) {
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, name);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic.topicName()), new Rebalance());
            lastCommit = System.nanoTime();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    start(record);
                }
                collectFinished();
                if (System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
                    commit(false);
                }
                applyBackpressure();
            }
            if (commitOnStop) {
                drain();
                commit(true);
            }
        } catch (WakeupException e) {
            // close() wakes the poll to stop; nothing else calls wakeup.
        } catch (RuntimeException e) {
            failure = e;
            LOG.errorf(e, "%s stopped", name);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void drain() {
        // Sends that finish within the grace are committed, so a rolling restart re-sends little.
        consumer.pause(consumer.assignment());
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        collectFinished();
        while (unfinished.get() > 0 && System.nanoTime() < deadline) {
            consumer.poll(POLL);
            collectFinished();
        }
    }

    private void start(ConsumerRecord<byte[], byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long offset = record.offset();
        tracker.started(partition, offset);
        unfinished.incrementAndGet();
        CompletionStage<Void> work;
        try {
            work = handle(record, topic.value(record));
        } catch (SerializationException e) {
            // Retrying cannot make it readable; holding it would stop the partition's commits for good.
            LOG.warnf("%s skips unreadable record %s@%d", name, partition, offset);
            work = CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        work.whenComplete((ignored, error) -> finishedQueue.add(new Finished(partition, offset, error)));
    }

    private void collectFinished() {
        Finished finished;
        while ((finished = finishedQueue.poll()) != null) {
            unfinished.decrementAndGet();
            Throwable error = finished.error() instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause()
                    : finished.error();
            if (error == null) {
                tracker.finished(finished.partition(), finished.offset());
            } else if (error instanceof CancellationException) {
                LOG.debugf("%s abandoned %s@%d: its partition moved to another member", name,
                        finished.partition(), finished.offset());
            } else if (failure == null) {
                failure = error;
                running = false;
                LOG.errorf("%s stops: the outcome of %s@%d could not be written (%s); it stays uncommitted", name,
                        finished.partition(), finished.offset(), error.getClass().getSimpleName());
            }
        }
    }

    private void commit(boolean sync) {
        lastCommit = System.nanoTime();
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit();
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            consumer.commitSync(offsets);
            tracker.committed(offsets);
        } else {
            // The callback runs on this thread, inside a later poll. A failed commit is not confirmed, so the
            // tracker offers it again with the next one.
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    LOG.warnf("%s: commit failed, retried with the next one: %s", name,
                            error.getClass().getSimpleName());
                } else {
                    tracker.committed(committed);
                }
            });
        }
    }

    private void applyBackpressure() {
        int now = unfinished.get();
        if (!paused && now >= maxUnfinished) {
            paused = true;
            LOG.debugf("%s pauses with %d unfinished records", name, now);
        } else if (paused && now <= maxUnfinished / 2) {
            paused = false;
            consumer.resume(consumer.paused());
        }
        if (paused) {
            // Re-applied every loop: partitions assigned in a rebalance arrive unpaused.
            consumer.pause(consumer.assignment());
        }
    }

    /** Records read whose work has not finished yet. */
    public int unfinished() {
        return unfinished.get();
    }

    /** True once the group gave this consumer its partitions (possibly none). */
    public boolean assigned() {
        return assigned;
    }

    /** True when the consumer stopped because work could not be made durable. */
    public boolean failed() {
        return failure != null;
    }

    /** Stops after committing what is finished. */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops at once and commits nothing more, as a crash would: records whose work finished since the last
     * commit are read again by the next owner of their partition.
     */
    public void halt() {
        stop(false);
    }

    private synchronized void stop(boolean commit) {
        if (thread == null) {
            return;
        }
        commitOnStop = commit;
        running = false;
        if (!commit) {
            consumer.wakeup();
        }
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!running && !commitOnStop) {
                partitionsGone(partitions);
                partitions.forEach(tracker::forget);
                return;
            }
            // Hand over what is finished so the next owner re-sends as little as possible; work still in
            // flight is re-done by the next owner, with the same idempotency keys.
            collectFinished();
            Map<TopicPartition, OffsetAndMetadata> offsets = tracker.toCommit(partitions::contains);
            try {
                if (!offsets.isEmpty()) {
                    consumer.commitSync(offsets);
                    tracker.committed(offsets);
                }
            } catch (RuntimeException e) {
                LOG.warnf("%s: commit on revocation failed: %s", name, e.getClass().getSimpleName());
            }
            partitionsGone(partitions);
            partitions.forEach(tracker::forget);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitionsGone(partitions);
            partitions.forEach(tracker::forget);
        }
    }

    private record Finished(TopicPartition partition, long offset, Throwable error) {
    }
}
