package io.pushmon.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.topics.Topic;

/** The cache's bookkeeping without a broker: only writes applied by this process. */
class CompactedTopicCacheTest {

    private final CompactedTopicCache<ChannelDefinition> cache = new CompactedTopicCache<>(Topic.CHANNELS,
            Map.of(), channel -> List.of("shared", "name:" + channel.name()));

    @Test
    void aSecondaryKeyThatOldAndNewValueShareNeverVanishesForAReader() throws InterruptedException {
        cache.applyWritten("c", at(0), channel("v0"));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger misses = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                if (cache.getByIndex("shared").isEmpty()) {
                    misses.incrementAndGet();
                }
            }
        });
        reader.start();

        for (int i = 1; i <= 200_000; i++) {
            cache.applyWritten("c", at(i), channel("v" + i));
        }
        writing.set(false);
        reader.join();

        assertThat(misses).hasValue(0);
        assertThat(cache.getByIndex("name:v199999")).isEmpty();
        assertThat(cache.getByIndex("name:v200000")).map(ChannelDefinition::name).contains("v200000");
    }

    @Test
    void anOlderWriteDoesNotReplaceANewerOne() {
        cache.applyWritten("c", at(7), channel("newer"));
        cache.applyWritten("c", at(5), channel("older"));

        assertThat(cache.get("c")).map(ChannelDefinition::name).contains("newer");
        assertThat(cache.getByIndex("name:older")).isEmpty();
    }

    private static RecordMetadata at(long offset) {
        return new RecordMetadata(new TopicPartition(Topic.CHANNELS.topicName(), 0), offset, 0, 0L, 1, 1);
    }

    private static ChannelDefinition channel(String name) {
        return new ChannelDefinition("c", "t", name, "webhook", Map.of(), null, Instant.EPOCH, Instant.EPOCH);
    }
}
