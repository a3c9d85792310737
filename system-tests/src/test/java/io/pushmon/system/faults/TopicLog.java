package io.pushmon.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic of a running system with a plain consumer, the way an auditor would: every partition from
 * the beginning up to the end offsets seen at the start of the read, values parsed as JSON. No consumer group, so
 * reading never disturbs the services' groups.
 */
final class TopicLog {

    /** One record: key, JSON value, broker timestamp (epoch millis), where it sits. */
    record Entry(String key, JsonNode value, long timestamp, int partition, long offset) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicLog() {
    }

    /**
     * Every record of {@code topic}. With {@code committedOnly} the consumer reads {@code read_committed}, as the
     * dispatcher does, so records of aborted transactions (a killed processor's half-done work) are not counted.
     */
    static List<Entry> read(String bootstrap, String topic, boolean committedOnly) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For read_committed these are last stable offsets: nothing of an open transaction is waited for.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    entries.add(new Entry(record.key(), parse(record.value()), record.timestamp(),
                            record.partition(), record.offset()));
                }
            }
        }
        return entries;
    }

    private static JsonNode parse(byte[] value) {
        if (value == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a record that is not JSON", e);
        }
    }
}
