package io.pushmon.dispatcher.kafka;

import java.util.Collection;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;

import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The rebalances of one channel's consumer, as its owner needs them: whether the group assigned it yet (for
 * readiness), and which partitions it no longer owns. Called on the connector's polling thread.
 */
public final class Partitions implements KafkaConsumerRebalanceListener {

    private volatile boolean assigned;
    private volatile Consumer<Collection<TopicPartition>> gone = partitions -> { };

    /**
     * Sets what happens when partitions are revoked or lost. Their records now belong to another member, which
     * reads them again from the committed offset: work of them that has not started should be cancelled.
     */
    public void whenGone(Consumer<Collection<TopicPartition>> handler) {
        this.gone = handler;
    }

    /** True once the group gave the consumer its partitions (possibly none). */
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void onPartitionsAssigned(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        assigned = true;
    }

    @Override
    public void onPartitionsRevoked(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        gone.accept(partitions);
    }

    @Override
    public void onPartitionsLost(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        gone.accept(partitions);
    }
}
