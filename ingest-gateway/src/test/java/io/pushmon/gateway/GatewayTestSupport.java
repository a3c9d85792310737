package io.pushmon.gateway;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.serde.PushmonSerdes;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.SharedKafka;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Shared helpers of the gateway's @QuarkusTests. */
public final class GatewayTestSupport {

    /** The key application.properties gives tenant "default" in the test profile. */
    public static final String DEFAULT_KEY = "test-default-tenant-key-0123456789";

    private GatewayTestSupport() {
    }

    public static RequestSpecification api(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** Creates a monitor for the key's tenant and returns the 201 body. */
    public static JsonPath createMonitor(String key, String name) {
        return api(key).body(Map.of("name", name, "timeoutSeconds", 60)).post("/api/monitors")
                .then().statusCode(201).extract().jsonPath();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An HTTP answer read off the wire. */
    public record RawAnswer(int status, String body) {
    }

    /**
     * Sends a request exactly as given, bytes and all: HTTP clients refuse to send malformed percent escapes,
     * which is precisely what the push endpoint must answer with a 400.
     */
    public static RawAnswer rawRequest(int port, String method, String target, String formBody) {
        byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (formBody != null) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new RawAnswer(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reader of {@code heartbeats} for one key's partition, from the current end on. */
    public static final class HeartbeatLog implements AutoCloseable {

        private final KafkaConsumer<String, Heartbeat> consumer;
        private final TopicPartition partition;

        private HeartbeatLog(TopicPartition partition) {
            this.partition = partition;
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), PushmonSerdes.heartbeat());
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
        }

        /** Reads the partition of {@code heartbeats} that the producer's default partitioner picks for a key. */
        public static HeartbeatLog forKey(String key) {
            int partitions = SharedKafka.TEST_PARTITIONS;
            int index = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8)))
                    % partitions;
            return new HeartbeatLog(new TopicPartition(Topic.HEARTBEATS.topicName(), index));
        }

        /** High watermark of the partition right now: everything acknowledged lies below it. */
        public long endOffset() {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }

        /** Every record from the current position up to (excluding) {@code end}; advances the position. */
        public List<ConsumerRecord<String, Heartbeat>> readUpTo(long end) {
            List<ConsumerRecord<String, Heartbeat>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Heartbeat> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < end) {
                        records.add(record);
                    }
                }
            }
            consumer.seek(partition, end);
            return records;
        }

        /** The records of one key from the current position up to the end offset as of now. */
        public List<ConsumerRecord<String, Heartbeat>> readKey(String key) {
            return readUpTo(endOffset()).stream().filter(r -> key.equals(r.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
