package io.pushmon.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the broker knows that a scenario waits on or measures: end offsets, how far a consumer group has
 * committed, how many records between two offsets have a kind of key, and the bytes each topic takes in the
 * broker's log directories.
 */
public final class BrokerView implements AutoCloseable {

    /**
     * The processor's default application id: its consumer group, and the prefix of its changelog topics
     * ({@code <application id>-<store>-changelog}).
     */
    public static final String PROCESSOR_GROUP = "pushmon-liveness-processor";

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final Admin admin;
    private final String bootstrapServers;

    public BrokerView(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** The current end offset of every partition of the topics. */
    public Map<TopicPartition, Long> endOffsets(List<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                .forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Waits until the group has committed at least the given offsets: everything before them is processed, and
     * with exactly-once its state changes are committed too. Reports the remaining lag (records) every 10 s.
     */
    public void awaitCommitted(String group, Map<TopicPartition, Long> targets, Duration within, LongConsumer lag)
            throws ExecutionException, InterruptedException {
        if (timeToCommit(group, targets, within, lag).isEmpty()) {
            throw new IllegalStateException(group + " still lagged " + lag(group, targets) + " records after "
                    + within);
        }
    }

    /**
     * As {@link #awaitCommitted}, but a group that does not get there in time is an answer, not a failure: how long
     * it took, or empty.
     */
    public Optional<Duration> timeToCommit(String group, Map<TopicPartition, Long> targets, Duration within,
            LongConsumer lag) throws ExecutionException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        long nextReport = start + REPORT_EVERY.toNanos();
        while (true) {
            long remaining = lag(group, targets);
            if (remaining == 0) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            if (System.nanoTime() >= nextReport) {
                lag.accept(remaining);
                nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            }
            Thread.sleep(250);
        }
    }

    /** Records before the given offsets that the group has not committed yet. */
    public long lag(String group, Map<TopicPartition, Long> targets) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long remaining = 0;
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            OffsetAndMetadata offset = committed.get(target.getKey());
            remaining += Math.max(0, target.getValue() - (offset == null ? 0 : offset.offset()));
        }
        return remaining;
    }

    /**
     * Reads every record from {@code from} up to {@code to} (offsets per partition, as {@link #endOffsets} gives
     * them) and counts those whose key matches: exact where a count from end offsets would also hold other
     * writers' records. Values are not deserialized; fails if the records are not all there within the time.
     */
    public long countKeys(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, Predicate<String> key,
            Duration within) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = to.keySet().stream().filter(p -> to.get(p) > from.getOrDefault(p, 0L))
                    .toList();
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            long deadline = System.nanoTime() + within.toNanos();
            long matching = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < to.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + to + " within " + within);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition) && key.test(record.key())) {
                        matching++;
                    }
                }
            }
            return matching;
        }
    }

    /** Bytes on disk of every topic, all partitions and log directories of all brokers summed. */
    public Map<String, Long> topicBytes() throws ExecutionException, InterruptedException {
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        Map<String, Long> bytes = new TreeMap<>();
        for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                    bytes.merge(replica.getKey().topic(), replica.getValue().size(), Long::sum);
                }
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
