package io.pushmon.dispatcher.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.ChannelConsumer;
import io.pushmon.dispatcher.kafka.ConsumerChannels;
import io.pushmon.dispatcher.kafka.Partitions;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Multi;

/**
 * Reads {@code alerts} (channel {@value #CHANNEL}) and starts one delivery per channel of each notice. An event
 * is acknowledged, and so may be committed, once each of its deliveries was delivered, scheduled for retry or
 * dead-lettered.
 */
@Singleton
public class EventConsumer extends ChannelConsumer<MonitorEvent> {

    /** The channel name in {@code mp.messaging.incoming.*}. */
    public static final String CHANNEL = "alerts";

    private final Deliverer deliverer;
    private final SendLimiter limiter;

    @Inject
    EventConsumer(@Channel(CHANNEL) Multi<Message<byte[]>> records,
            @Identifier(ConsumerChannels.ALERTS_PARTITIONS) Partitions partitions, Deliverer deliverer,
            DispatcherConfig config) {
        super(Topic.ALERTS, records, partitions, config.events().maxPending());
        this.deliverer = deliverer;
        this.limiter = new SendLimiter(config.send().maxInFlight());
    }

    @Override
    protected CompletionStage<Void> handle(Position position, MonitorEvent event) {
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
