package io.pushmon.dispatcher.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import io.pushmon.common.topics.Topic;

/**
 * Reads a whole topic from the beginning into memory on its own thread, then follows it. Every instance
 * reads every partition (no consumer group), so each one holds the full picture. It is caught up once it
 * has read up to the end offsets seen at start.
 */
public abstract class TopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicReader.class);

    private final Topic topic;
    private final String bootstrapServers;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean failed;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    protected TopicReader(Topic topic, String bootstrapServers) {
        this.topic = topic;
        this.bootstrapServers = bootstrapServers;
    }

    /** Applies one record; a null value is a tombstone. Runs on the reader's thread only. */
    protected abstract void apply(String key, byte[] value, long timestamp);

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "pushmon-dispatcher-" + topic.topicName() + "-reader"),
                new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "pushmon-" + topic.topicName() + "-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        apply(record.key(), record.value(), record.timestamp());
                    } catch (RuntimeException e) {
                        LOG.warnf("Skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(),
                                record.offset(), e.getClass().getSimpleName());
                    }
                }
                if (caughtUp.getCount() > 0) {
                    endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    if (endAtStart.isEmpty()) {
                        caughtUp.countDown();
                        LOG.infof("Read topic %s up to its end", topic.topicName());
                    }
                }
            }
        } catch (WakeupException e) {
            // close() wakes the poll to stop; nothing else calls wakeup.
        } catch (RuntimeException e) {
            failed = true;
            LOG.errorf(e, "Reader of %s stopped", topic.topicName());
        } finally {
            consumer.close();
        }
    }

    /** True once everything that was in the topic at start has been read. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Waits until caught up; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** True while the reader thread is alive or not yet started; false after it died on an error. */
    public boolean healthy() {
        return !failed;
    }

    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }
}
