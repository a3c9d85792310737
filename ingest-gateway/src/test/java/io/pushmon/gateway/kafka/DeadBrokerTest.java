package io.pushmon.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import jakarta.ws.rs.core.Response;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.pushmon.gateway.errors.ApiError;
import io.pushmon.gateway.errors.ErrorMappers;

/**
 * A broker that never answers, with the gateway's real producer settings: the write fails within the
 * produce timeout, and that failure is a 503 with Retry-After. (The HTTP tests share one live broker, so
 * the dead one is tested at this level.)
 */
class DeadBrokerTest {

    @Test
    void aBrokerThatNeverAcknowledgesIsA503WithRetryAfterWithinTheProduceTimeout() throws IOException {
        Duration produceTimeout = Duration.ofMillis(1500);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaClients.producerConfigs("127.0.0.1:" + unusedPort(), produceTimeout, "dead-broker-test"),
                new StringSerializer(), new ByteArraySerializer())) {
            RecordWriter writer = new RecordWriter(producer, produceTimeout.toMillis());
            long start = System.nanoTime();

            Throwable failure = catchThrowable(
                    () -> writer.sendAndWait(new ProducerRecord<>("heartbeats", "monitor-1", new byte[1])));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure).isInstanceOf(KafkaUnavailableException.class).hasMessageContaining("heartbeats");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1000)).isLessThan(Duration.ofSeconds(4));

            Response response = new ErrorMappers(5).kafkaUnavailable((KafkaUnavailableException) failure);
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
            assertThat(((ApiError) response.getEntity()).ok()).isFalse();
            assertThat(((ApiError) response.getEntity()).error()).contains("not recorded");
            producer.close(Duration.ZERO);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
