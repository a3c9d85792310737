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

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.ChannelConsumer;
import io.pushmon.dispatcher.kafka.ConsumerChannels;
import io.pushmon.dispatcher.kafka.Partitions;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;

/**
 * Reads {@code notification-retries} (channel {@value #CHANNEL}) and makes each attempt when it is due. This is
 * the part the connector's own delayed-retry topics cannot do: they retry after fixed delays, while a retry here
 * is due when the backoff or the receiver's {@code Retry-After} says. Retries that are not due yet wait in memory,
 * not in the connector, so a retry due in ten minutes does not hold up one due now; they are acknowledged only
 * after the attempt's outcome is durable, so a restart reads them again and keeps their due times. Sends have their
 * own limit, apart from first attempts: a flood of retries to a broken receiver cannot take the slots fresh alerts
 * need.
 *
 * <p>A retry held for a partition that is revoked or lost is cancelled and left uncommitted: the partition's next
 * owner reads it again and makes the attempt, so it is made once, and the retry chain does not fork into two owners
 * each writing the next attempt.
 */
@Singleton
public class RetryConsumer extends ChannelConsumer<ScheduledRetry> {

    /** The channel name in {@code mp.messaging.incoming.*}. */
    public static final String CHANNEL = "notification-retries";

    private static final Logger LOG = Logger.getLogger(RetryConsumer.class);

    private final Deliverer deliverer;
    private final SendLimiter limiter;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pushmon-dispatcher-retry-timer");
        thread.setDaemon(true);
        return thread;
    });
    /** Retries waiting for their due time, by partition and offset; touched by the connector and timer threads. */
    private final Map<TopicPartition, Map<Long, Held>> held = new ConcurrentHashMap<>();

    @Inject
    RetryConsumer(@Channel(CHANNEL) Multi<Message<byte[]>> records,
            @Identifier(ConsumerChannels.RETRIES_PARTITIONS) Partitions partitions, Deliverer deliverer,
            DispatcherConfig config) {
        super(Topic.NOTIFICATION_RETRIES, records, partitions, config.retry().maxHeld());
        this.deliverer = deliverer;
        this.limiter = new SendLimiter(config.send().maxInFlight());
        partitions.whenGone(this::partitionsGone);
    }

    @Override
    protected CompletionStage<Void> handle(Position position, ScheduledRetry retry) {
        String problem = retry == null ? "no value" : problem(retry);
        if (problem != null) {
            // Like an unreadable record: it can never become valid, and holding it would stop the partition's
            // commits for good. Only the position and the missing part are logged, never the record.
            LOG.warnf("Skipping invalid retry %s: %s", position, problem);
            return CompletableFuture.completedFuture(null);
        }
        Map<Long, Held> ofPartition = held.computeIfAbsent(position.partition(), p -> new ConcurrentHashMap<>());
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
        ofPartition.put(position.offset(), new Held(due, done));
        // Registered after the put, so even an attempt that finished at once does not stay in the map.
        done.whenComplete((ignored, error) -> ofPartition.remove(position.offset()));
        return done;
    }

    private void partitionsGone(Collection<TopicPartition> partitions) {
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

    /** Retries are re-read after a restart: the held ones need no attempt now. */
    @PreDestroy
    void stopTimer() {
        timer.shutdownNow();
    }

    private record Held(ScheduledFuture<?> due, CompletableFuture<Void> done) {
    }
}
