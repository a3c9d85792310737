package io.pushmon.dispatcher.delivery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.serde.JsonSerde;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.TrackedConsumer;

/**
 * Reads {@code monitor-events} and starts one delivery per channel of each event. An event's offset is
 * committed once each of its deliveries was delivered, scheduled for retry or dead-lettered.
 */
public final class EventConsumer extends TrackedConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final Deliverer deliverer;
    private final SendLimiter limiter;
    private final JsonSerde<MonitorEvent> serde = PushmonSerdes.monitorEvent();

    public EventConsumer(String bootstrapServers, String groupId, DispatcherConfig config, Deliverer deliverer) {
        super("pushmon-dispatcher-events", bootstrapServers, Topic.MONITOR_EVENTS, groupId,
                config.events().maxPending(), config.commitInterval(), config.send().timeout());
        this.deliverer = deliverer;
        this.limiter = new SendLimiter(config.send().maxInFlight());
    }

    @Override
    protected CompletionStage<Void> handle(ConsumerRecord<String, byte[]> record) {
        MonitorEvent event;
        try {
            event = serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            // Retrying cannot make it readable; holding it would stop the partition's commits for good.
            LOG.warnf("Skipping unreadable event %s-%d@%d", record.topic(), record.partition(), record.offset());
            return CompletableFuture.completedFuture(null);
        }
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
