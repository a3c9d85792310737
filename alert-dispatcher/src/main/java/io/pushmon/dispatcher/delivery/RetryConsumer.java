package io.pushmon.dispatcher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.TrackedConsumer;

/**
 * Reads {@code notification-retries} and makes each attempt when it is due. Retries that are not due yet wait
 * in memory, not in the poll loop, so a retry due in ten minutes does not hold up one due now; their offsets
 * are committed only after the attempt's outcome is durable, so a restart reads them again and keeps their
 * due times. Sends have their own limit, apart from first attempts: a flood of retries to a broken receiver
 * cannot take the slots fresh alerts need.
 *
 * <p>A retry held for a partition that is revoked or lost is cancelled and left uncommitted: the partition's
 * next owner reads it again and makes the attempt, so it is made once, and the retry chain does not fork into
 * two owners each writing the next attempt.
 */
public final class RetryConsumer extends TrackedConsumer<ScheduledRetry> {

    private static final Logger LOG = Logger.getLogger(RetryConsumer.class);

    private final Deliverer deliverer;
    private final SendLimiter limiter;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pushmon-dispatcher-retry-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Retries waiting for their due time, by partition and offset; touched by the poll and timer threads. */
    private final Map<TopicPartition, Map<Long, Held>> held = new ConcurrentHashMap<>();

    public RetryConsumer(KafkaConfig kafka, DispatcherConfig config, Deliverer deliverer) {
        super("pushmon-dispatcher-retries", kafka, Topic.NOTIFICATION_RETRIES, config.retry().groupId(),
                config.retry().maxHeld(), config.commitInterval(), Duration.ZERO);
        this.deliverer = deliverer;
        this.limiter = new SendLimiter(config.send().maxInFlight());
    }

    @Override
    protected CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record, ScheduledRetry retry) {
        String problem = retry == null ? "no value" : problem(retry);
        if (problem != null) {
            // Like an unreadable record: it can never become valid, and holding it would stop the partition's
            // commits for good. Only the position and the missing part are logged, never the record.
            LOG.warnf("Skipping invalid retry %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    problem);
            return CompletableFuture.completedFuture(null);
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Map<Long, Held> ofPartition = held.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        long waitMillis = Math.max(0, Duration.between(clock.instant(), retry.dueAt()).toMillis());
        ScheduledFuture<?> due = timer.schedule(() -> deliverer.deliverRetry(retry, limiter)
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else {
                        done.complete(null);
                    }
                }), waitMillis, TimeUnit.MILLISECONDS);
        ofPartition.put(record.offset(), new Held(due, done));
        // Registered after the put, so even an attempt that finished at once does not stay in the map.
        done.whenComplete((ignored, error) -> ofPartition.remove(record.offset()));
        return done;
    }

    @Override
    protected void partitionsGone(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Map<Long, Held> ofPartition = held.remove(partition);
            if (ofPartition == null) {
                continue;
            }
            ofPartition.values().forEach(retry -> {
                // An attempt already under way cannot be called back: it finishes here, and the next owner may
                // make it again, with the same idempotency key.
                if (retry.due().cancel(false)) {
                    retry.done().cancel(false);
                }
            });
        }
    }

    private static String problem(ScheduledRetry retry) {
        if (retry.dueAt() == null) {
            return "no dueAt";
        }
        if (retry.idempotencyKey() == null || retry.idempotencyKey().isBlank()) {
            return "no idempotencyKey";
        }
        if (retry.channelId() == null || retry.channelId().isBlank()) {
            return "no channelId";
        }
        if (retry.event() == null) {
            return "no event";
        }
        if (retry.event().tenantId() == null || retry.event().monitorId() == null) {
            return "event without tenantId or monitorId";
        }
        if (retry.nextAttempt() < 2) {
            return "nextAttempt below 2";
        }
        return null;
    }

    /** The bound on this consumer's concurrent sends. */
    public SendLimiter limiter() {
        return limiter;
    }

    private record Held(ScheduledFuture<?> due, CompletableFuture<Void> done) {
    }

    @Override
    public void close() {
        super.close();
        timer.shutdownNow();
    }

    @Override
    public void halt() {
        super.halt();
        timer.shutdownNow();
    }
}
