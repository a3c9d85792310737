package io.pushmon.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.kafka.ChannelConsumer.Position;
import io.pushmon.dispatcher.kafka.Partitions;
import io.smallrye.mutiny.Multi;

/**
 * What the retry consumer does with records it cannot act on. No broker and no deliverer are needed: such a
 * record must be skipped before anything is sent.
 */
class RetryConsumerTest {

    private final RetryConsumer consumer = new RetryConsumer(Multi.createFrom().empty(), new Partitions(), null,
            DispatcherDefaults.config());

    @AfterEach
    void stopTimer() {
        consumer.stopTimer();
    }

    private static final Position AT_42 = new Position(
            new TopicPartition(Topic.NOTIFICATION_RETRIES.topicName(), 0), 42);

    private static ScheduledRetry retry(String channelId, Instant dueAt) {
        return new ScheduledRetry("m-1:1:down:" + channelId, DispatcherTopics.down("t-1", "m-1", 1, "ch-1"),
                channelId, 2, dueAt, List.of());
    }

    @Test
    void aRetryWithoutItsDueTimeIsSkippedInsteadOfStoppingTheConsumer() {
        CompletionStage<Void> handled = consumer.handle(AT_42, retry("ch-1", null));

        assertThat(handled.toCompletableFuture()).isCompletedWithValue(null);
    }

    @Test
    void aRetryWithoutItsChannelIsSkipped() {
        CompletionStage<Void> handled = consumer.handle(AT_42, retry(null, Instant.now()));

        assertThat(handled.toCompletableFuture()).isCompletedWithValue(null);
    }

    @Test
    void aRetryWithoutItsEventIsSkipped() {
        ScheduledRetry noEvent = new ScheduledRetry("m-1:1:down:ch-1", null, "ch-1", 2, Instant.now(), List.of());

        assertThat(consumer.handle(AT_42, noEvent).toCompletableFuture()).isCompletedWithValue(null);
    }

    @Test
    void aValidRetryThatIsNotDueYetIsHeldUntilItIs() {
        CompletionStage<Void> handled = consumer.handle(AT_42, retry("ch-1", Instant.now().plusSeconds(60)));

        assertThat(handled.toCompletableFuture()).isNotDone();
    }
}
