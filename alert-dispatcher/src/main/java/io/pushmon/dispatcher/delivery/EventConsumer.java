package io.pushmon.dispatcher.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.TrackedConsumer;

/**
 * Reads {@code alerts} and starts one delivery per channel of each notice. An event's offset is
 * committed once each of its deliveries was delivered, scheduled for retry or dead-lettered.
 */
public final class EventConsumer extends TrackedConsumer<MonitorEvent> {

    private final Deliverer deliverer;
    private final SendLimiter limiter;

    public EventConsumer(KafkaConfig kafka, String groupId, DispatcherConfig config, Deliverer deliverer) {
        super("pushmon-dispatcher-events", kafka, Topic.ALERTS, groupId,
                config.events().maxPending(), config.commitInterval(), config.send().timeout());
        this.deliverer = deliverer;
        this.limiter = new SendLimiter(config.send().maxInFlight());
    }

    @Override
    protected CompletionStage<Void> handle(ConsumerRecord<byte[], byte[]> record, MonitorEvent event) {
        if (event == null || !Deliverer.notifiable(event)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] deliveries = event.channelIds().stream().distinct()
                .map(channelId -> deliverer.deliverFirst(event, channelId, limiter).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(deliveries);
    }

    /** The bound on this consumer's concurrent sends. */
    public SendLimiter limiter() {
        return limiter;
    }
}
