package io.pushmon.bench.observe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.topics.Topic;

/**
 * Reads {@code monitor-events} as the dispatcher does (read_committed) from the moment it starts and keeps, per
 * monitor, the first down event and when it arrived here. "Arrived here" includes the transaction commit and a
 * consumer fetch, so the delay it gives is what a consumer of the topic sees, not the detector's internal time.
 */
public final class EventWatcher implements AutoCloseable {

    /** A down event and the harness's clock when it was read. */
    public record Down(MonitorEvent event, long receivedAtMillis) {

        /** Deadline to arrival: a timeout's {@code at} is the deadline itself. */
        public long delayMillis() {
            return receivedAtMillis - event.at().toEpochMilli();
        }
    }

    private final KafkaConsumer<String, MonitorEvent> consumer;
    private final Map<String, Down> downs = new ConcurrentHashMap<>();
    private final AtomicLong doubled = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private EventWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "pushmon-bench-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                Topic.MONITOR_EVENTS.keySerde().deserializer(), Topic.MONITOR_EVENTS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.MONITOR_EVENTS.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now: the watcher must not miss an event emitted right after start() returns.
        partitions.forEach(consumer::position);
        thread = new Thread(this::poll, "bench-event-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching from the current end of the topic. */
    public static EventWatcher start(String bootstrapServers) {
        return new EventWatcher(bootstrapServers);
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, MonitorEvent> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.currentTimeMillis();
                MonitorEvent event = record.value();
                if (event != null && event.isDown()) {
                    if (downs.putIfAbsent(event.monitorId(), new Down(event, now)) != null) {
                        doubled.incrementAndGet();
                    }
                }
            }
        }
        consumer.close(Duration.ofSeconds(5));
    }

    /** The first down of each of these monitors seen so far. */
    public List<Down> downsOf(Set<String> monitorIds) {
        return downs.entrySet().stream().filter(e -> monitorIds.contains(e.getKey())).map(Map.Entry::getValue)
                .toList();
    }

    /** Down events seen for a monitor that already had one. */
    public long doubledDowns() {
        return doubled.get();
    }

    /** Waits until every one of these monitors has a down, or the time is up; returns how many have one. */
    public int awaitDowns(Set<String> monitorIds, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = downsOf(monitorIds).size();
        while (seen < monitorIds.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            seen = downsOf(monitorIds).size();
        }
        return seen;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
