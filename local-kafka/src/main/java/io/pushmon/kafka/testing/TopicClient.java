package io.pushmon.kafka.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import io.pushmon.common.topics.Topic;

/**
 * Writes and reads pushmon's topics in tests the way the services do: typed, through {@link Topic}, on a real
 * broker. One producer per client; every read is a group-less consumer of its own, so reading never disturbs
 * the groups of the services under test. Every wait is bounded.
 */
public final class TopicClient implements AutoCloseable {

    /** Which records a reader sees: only committed ones (as the services read), or also those of open transactions. */
    public enum Isolation {
        COMMITTED("read_committed"), UNCOMMITTED("read_uncommitted");

        private final String setting;

        Isolation(String setting) {
            this.setting = setting;
        }
    }

    /** One record read, decoded, with where it sits, whose clock its timestamp is, and when this client read it. */
    public record Received<K, V>(K key, V value, long timestamp, TimestampType timestampType, int partition,
            long offset, long readAtMillis) {
    }

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private KafkaProducer<byte[], byte[]> producer;

    public TopicClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A client of the shared test broker. */
    public static TopicClient shared() {
        return new TopicClient(SharedKafka.bootstrapServers());
    }

    /** Writes a record with acks=all and waits for the acknowledgement; its timestamp is the one that counts. */
    public <K, V> RecordMetadata send(Topic<K, V> topic, K key, V value) {
        return await(producer().send(topic.record(key, value)), topic);
    }

    /** Writes a record to one partition and waits for the acknowledgement. */
    public <K, V> RecordMetadata send(Topic<K, V> topic, int partition, K key, V value) {
        return await(producer().send(topic.record(partition, key, value)), topic);
    }

    /** Writes bytes that need not be a value of the topic, for tests of what a reader does with a bad record. */
    public RecordMetadata sendRaw(Topic<?, ?> topic, int partition, String key, byte[] value) {
        return await(producer().send(new ProducerRecord<>(topic.topicName(), partition,
                key.getBytes(StandardCharsets.UTF_8), value)), topic);
    }

    /** Writes without waiting, for load a test only needs to be there eventually (ticks, say). */
    public <K, V> void sendAsync(Topic<K, V> topic, int partition, K key, V value) {
        producer().send(topic.record(partition, key, value));
    }

    public int partitions(Topic<?, ?> topic) {
        return producer().partitionsFor(topic.topicName()).size();
    }

    /** The partition the producers' default partitioner picks for a string key. */
    public static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Every record of the topic, from the beginning up to the end offsets as of this call. */
    public <K, V> List<Received<K, V>> readAll(Topic<K, V> topic, Isolation isolation) {
        try (Tail<K, V> tail = new Tail<>(this, topic, isolation, null, true)) {
            return tail.readUpTo(tail.endOffsets());
        }
    }

    /** The values of one key, read from the beginning until {@code enough} holds or the timeout passed. */
    public <K, V> List<V> readByKey(Topic<K, V> topic, K key, Predicate<List<V>> enough, Duration timeout) {
        List<V> found = new ArrayList<>();
        try (Tail<K, V> tail = new Tail<>(this, topic, Isolation.COMMITTED, null, true)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (Received<K, V> record : tail.poll(Duration.ofMillis(100))) {
                    if (key.equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
        }
        return found;
    }

    /** A reader of every partition of the topic from its current end on. */
    public <K, V> Tail<K, V> tail(Topic<K, V> topic, Isolation isolation) {
        return new Tail<>(this, topic, isolation, null, false);
    }

    /** A reader of one partition of the topic from its current end on. */
    public <K, V> Tail<K, V> tail(Topic<K, V> topic, int partition, Isolation isolation) {
        return new Tail<>(this, topic, isolation, partition, false);
    }

    /** Moves a consumer group to the current end of a topic, so it ignores what earlier tests wrote. */
    public void moveGroupToEnd(String groupId, Topic<?, ?> topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int partitions = admin.describeTopics(List.of(topic.topicName())).allTopicNames().get()
                    .get(topic.topicName()).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic.topicName(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(groupId, ends).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while positioning group " + groupId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not position group " + groupId, e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private static RecordMetadata await(Future<RecordMetadata> sent, Topic<?, ?> topic) {
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic, e.getCause());
        }
    }

    /** A group-less reader of a topic (or one partition of it), typed by the topic. */
    public static final class Tail<K, V> implements AutoCloseable {

        private final Topic<K, V> topic;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;

        private Tail(TopicClient client, Topic<K, V> topic, Isolation isolation, Integer partition,
                boolean fromBeginning) {
            this.topic = topic;
            this.consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServers,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.setting,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.partitions = partition != null ? List.of(new TopicPartition(topic.topicName(), partition))
                    : consumer.partitionsFor(topic.topicName(), METADATA_TIMEOUT).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            // Resolve the positions now: a record written right after this constructor returns must be seen.
            partitions.forEach(p -> consumer.position(p, METADATA_TIMEOUT));
        }

        /**
         * End offsets of the partitions as of now: everything acknowledged lies below them. For a committed reader
         * they are the last stable offsets, so nothing of an open transaction is waited for.
         */
        public Map<Integer, Long> endOffsets() {
            return consumer.endOffsets(partitions, METADATA_TIMEOUT).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
        }

        /** The records that arrive within one poll. */
        public List<Received<K, V>> poll(Duration timeout) {
            List<Received<K, V>> received = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
                received.add(decode(record));
            }
            return received;
        }

        /** Every record from the current positions up to (excluding) the given end offsets; at most 60 s. */
        public List<Received<K, V>> readUpTo(Map<Integer, Long> ends) {
            List<Received<K, V>> received = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, METADATA_TIMEOUT) < ends.get(p.partition()))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " up to " + ends + " within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.offset() < ends.get(record.partition())) {
                        received.add(decode(record));
                    }
                }
            }
            partitions.forEach(p -> consumer.seek(p, ends.get(p.partition())));
            return received;
        }

        /** The records of one key from the current positions up to the end offsets as of now. */
        public List<Received<K, V>> readKey(K key) {
            return readUpTo(endOffsets()).stream().filter(r -> key.equals(r.key())).toList();
        }

        /** Matching records that arrive until {@code count} were seen or the timeout passed. */
        public List<Received<K, V>> await(int count, Duration timeout, Predicate<V> filter) {
            List<Received<K, V>> received = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                poll(Duration.ofMillis(20)).stream().filter(r -> filter.test(r.value())).forEach(received::add);
            }
            return received;
        }

        /** Matching records that arrive during the whole given time. */
        public List<Received<K, V>> readFor(Duration duration, Predicate<V> filter) {
            return await(Integer.MAX_VALUE, duration, filter);
        }

        private Received<K, V> decode(ConsumerRecord<byte[], byte[]> record) {
            return new Received<>(record.key() == null ? null : topic.key(record), topic.value(record),
                    record.timestamp(), record.timestampType(), record.partition(), record.offset(),
                    System.currentTimeMillis());
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
