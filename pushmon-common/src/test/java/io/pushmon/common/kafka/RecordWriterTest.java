package io.pushmon.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;

/** The writer's promise, against Kafka's own mock producer: an answer either way, never a thrown send. */
class RecordWriterTest {

    private static final Heartbeat PUSH = Heartbeat.push(PushStatus.UP, "ok", null, null, null, 1L);

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final RecordWriter writer = new RecordWriter(producer, Duration.ofSeconds(1));

    @Test
    void aSendCompletesOnceTheBrokerAcknowledged() {
        var sent = writer.send(Topic.HEARTBEATS, "m-1", PUSH);
        assertThat(sent).isNotDone();

        producer.completeNext();

        assertThat(sent).isCompleted();
        assertThat(Topic.HEARTBEATS.value(new ConsumerRecord<>("heartbeats", 0, 0L,
                producer.history().get(0).key(), producer.history().get(0).value()))).isEqualTo(PUSH);
    }

    @Test
    void aFullBufferFailsTheSendAtOnce() {
        producer.sendException = new BufferExhaustedException("full");

        var sent = writer.send(Topic.HEARTBEATS, "m-1", PUSH);

        assertThat(sent).isCompletedExceptionally();
        assertThat(sent).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(KafkaUnavailableException.class)
                .withMessageContaining("heartbeats").withMessageContaining("BufferExhaustedException");
    }

    @Test
    void aWriteTheBrokerRefusesIsUnavailable() {
        var sent = writer.send(Topic.HEARTBEATS, "m-1", PUSH);

        producer.errorNext(new TimeoutException("expired"));

        assertThat(sent).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .extracting(Throwable::getCause, InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(KafkaUnavailableException.class).hasCauseInstanceOf(TimeoutException.class);
    }
}
