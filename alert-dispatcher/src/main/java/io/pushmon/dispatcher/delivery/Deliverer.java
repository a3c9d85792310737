package io.pushmon.dispatcher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pushmon.common.delivery.AttemptRecord;
import io.pushmon.common.delivery.AttemptResult;
import io.pushmon.common.delivery.DeadLetter;
import io.pushmon.common.delivery.DeliveryLogEntry;
import io.pushmon.common.delivery.DeliveryOutcome;
import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.dispatcher.channels.Notification;
import io.pushmon.dispatcher.channels.SendOutcome;

/**
 * Makes one attempt of one delivery and settles it: logs the attempt, and for a failure either schedules
 * the next attempt on {@code notification-retries} or gives the delivery up into
 * {@code notification-dead-letters}. The returned stage completes once those writes are acknowledged, which
 * is when the consumer may commit the record that caused the attempt.
 *
 * <p>Settling runs on the deliverer's own threads, never on the thread that completed the send: that is a
 * Vert.x event loop or a timer, and a write may block (up to {@code write.max-block}) while the broker is
 * unreachable, which would stall every other send on that thread. The queue of this executor is bounded by
 * the consumers: they pause at {@code events.max-pending} and {@code retry.max-held} unfinished records.
 */
@Singleton
public class Deliverer {

    private static final Logger LOG = Logger.getLogger(Deliverer.class);
    private static final int SETTLE_THREADS = 2;

    private final ChannelCache channels;
    private final ChannelSenders senders;
    private final RecordWriter writer;
    private final Backoff backoff;
    private final int maxAttempts;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ExecutorService settling;

    @Inject
    public Deliverer(ChannelCache channels, ChannelSenders senders, RecordWriter writer, DispatcherConfig config,
            MeterRegistry registry) {
        this.channels = channels;
        this.senders = senders;
        this.writer = writer;
        this.backoff = Backoff.of(config.retry());
        this.maxAttempts = Math.max(1, config.retry().maxAttempts());
        this.clock = Clock.systemUTC();
        this.registry = registry;
        AtomicInteger threads = new AtomicInteger();
        this.settling = Executors.newFixedThreadPool(SETTLE_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "pushmon-dispatcher-settle-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Lets the settling already queued finish (the consumers have drained by now), so their writes are
     * made before the producer closes.
     */
    @PreDestroy
    public void close() {
        settling.shutdown();
        try {
            if (!settling.awaitTermination(10, TimeUnit.SECONDS)) {
                settling.shutdownNow();
            }
        } catch (InterruptedException e) {
            settling.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * True for what people are told about: every notice (the policy already decided to send it), and of the
     * events without one, a change into down and a recovery from down.
     */
    public static boolean notifiable(MonitorEvent event) {
        return event.notice() != null || event.to() == MonitorStatus.DOWN
                || (event.to() == MonitorStatus.UP && event.from() == MonitorStatus.DOWN);
    }

    /** The first attempt of the delivery of an event to one of its channels. */
    public CompletionStage<Void> deliverFirst(MonitorEvent event, String channelId, SendLimiter limiter) {
        String key = IdempotencyKey.of(event, channelId);
        return channels.find(channelId, event.tenantId())
                .map(channel -> attempt(event, channel, key, 1, List.of(), limiter))
                .orElseGet(() -> skip(event, channelId, key, 1, "channel not found"));
    }

    /** A scheduled retry, with the same idempotency key, to the channel as it is defined now. */
    public CompletionStage<Void> deliverRetry(ScheduledRetry retry, SendLimiter limiter) {
        return channels.find(retry.channelId(), retry.event().tenantId())
                .map(channel -> attempt(retry.event(), channel, retry.idempotencyKey(), retry.nextAttempt(),
                        retry.attempts(), limiter))
                .orElseGet(() -> skip(retry.event(), retry.channelId(), retry.idempotencyKey(),
                        retry.nextAttempt(), "channel was deleted"));
    }

    private CompletionStage<Void> attempt(MonitorEvent event, ChannelDefinition channel, String key, int attempt,
            List<AttemptRecord> earlier, SendLimiter limiter) {
        Notification notification = new Notification(event, key, attempt, false);
        return limiter.<Attempted>submit(() -> {
            Instant startedAt = clock.instant();
            long start = System.nanoTime();
            if (attempt == 1 && event.at() != null) {
                Timer.builder("pushmon.delivery.dwell")
                        .description("Time from the status change to the first attempt to notify it")
                        .tag("kind", String.valueOf(channel.type()))
                        .register(registry).record(Duration.between(event.at(), startedAt));
            }
            return senders.send(notification, channel).thenApply(outcome -> {
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                Timer.builder("pushmon.delivery.send.duration")
                        .description("Duration of one attempt, answer or timeout")
                        .tag("kind", String.valueOf(channel.type()))
                        .tag("result", outcome.kind().name().toLowerCase(Locale.ROOT))
                        .register(registry).record(took);
                return new Attempted(outcome, startedAt, took.toMillis());
            });
        }).thenComposeAsync(attempted -> settle(event, channel, key, attempt, earlier, attempted), settling);
    }

    private CompletionStage<Void> settle(MonitorEvent event, ChannelDefinition channel, String key, int attempt,
            List<AttemptRecord> earlier, Attempted attempted) {
        SendOutcome outcome = attempted.outcome();
        List<AttemptRecord> attempts = new ArrayList<>(earlier);
        attempts.add(new AttemptRecord(attempt, attempted.startedAt(), outcome.kind(), outcome.statusCode(),
                outcome.error(), attempted.durationMs()));
        DeliveryOutcome result;
        CompletableFuture<Void> followUp;
        if (outcome.kind() == AttemptResult.DELIVERED) {
            result = DeliveryOutcome.DELIVERED;
            followUp = CompletableFuture.completedFuture(null);
        } else if (outcome.kind() == AttemptResult.RETRYABLE && attempt < maxAttempts) {
            result = DeliveryOutcome.RETRYING;
            Instant dueAt = clock.instant().plus(backoff.delayAfter(attempt, outcome.retryAfter()));
            followUp = written(writer.send(Topic.NOTIFICATION_RETRIES, key,
                    new ScheduledRetry(key, event, channel.id(), attempt + 1, dueAt, attempts)));
            counter("pushmon.delivery.retries.scheduled", "Attempts that failed and were scheduled again", channel)
                    .increment();
        } else {
            result = DeliveryOutcome.FAILED;
            String reason = outcome.kind() == AttemptResult.PERMANENT ? "rejected" : "attempts-exhausted";
            followUp = written(writer.send(Topic.NOTIFICATION_DEAD_LETTERS, key,
                    new DeadLetter(key, event, channel.id(), channel.type(), reason, attempts, clock.instant())));
            counter("pushmon.delivery.dead.letters", "Deliveries given up into the dead-letter topic", channel)
                    .increment();
            LOG.infof("Gave up delivery %s to channel %s after %d attempt(s): %s", key, channel.id(), attempt,
                    outcome.error());
        }
        Counter.builder("pushmon.deliveries").description("Delivery attempts by channel kind and outcome")
                .tag("kind", String.valueOf(channel.type())).tag("outcome", result.wireName())
                .register(registry).increment();
        CompletableFuture<Void> logged = log(new DeliveryLogEntry(event.monitorId(), event.tenantId(), channel.id(),
                channel.type(), event.eventId(), event.incident(), IdempotencyKey.transition(event), key, attempt,
                result, outcome.statusCode(), outcome.error(), attempted.startedAt(), attempted.durationMs()));
        return CompletableFuture.allOf(followUp, logged);
    }

    private CompletionStage<Void> skip(MonitorEvent event, String channelId, String key, int attempt,
            String why) {
        Counter.builder("pushmon.deliveries").description("Delivery attempts by channel kind and outcome")
                .tag("kind", "unknown").tag("outcome", DeliveryOutcome.SKIPPED.wireName())
                .register(registry).increment();
        DeliveryLogEntry entry = new DeliveryLogEntry(event.monitorId(), event.tenantId(), channelId, null,
                event.eventId(), event.incident(), IdempotencyKey.transition(event), key, attempt,
                DeliveryOutcome.SKIPPED, 0, why, clock.instant(), 0);
        // The caller is the consumer's poll thread or the retry timer: neither may block on the write.
        return CompletableFuture.supplyAsync(() -> log(entry), settling).thenCompose(logged -> logged);
    }

    private CompletableFuture<Void> log(DeliveryLogEntry entry) {
        return written(writer.send(Topic.NOTIFICATION_LOG, entry.monitorId(), entry));
    }

    /** Completes once the brokers acknowledged the write: only then is an event's offset committed. */
    private static CompletableFuture<Void> written(CompletableFuture<RecordMetadata> acknowledged) {
        return acknowledged.thenApply(metadata -> null);
    }

    private Counter counter(String name, String description, ChannelDefinition channel) {
        return Counter.builder(name).description(description).tag("kind", String.valueOf(channel.type()))
                .register(registry);
    }

    private record Attempted(SendOutcome outcome, Instant startedAt, long durationMs) {
    }
}
