package io.pushmon.dispatcher.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.down;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.id;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The commit and back-pressure rules of the {@code alerts} channel, on the connector the dispatcher runs and a
 * real broker: its own group, placed at the end of {@code alerts} before the application starts, and a small
 * {@code events.max-pending} so that the bound can be seen.
 */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@TestProfile(AlertsConsumerIT.OwnGroup.class)
class AlertsConsumerIT {

    static final int MAX_PENDING = 4;

    static final String GROUP = "alerts-consumer-it-" + UUID.randomUUID();

    /** A group of this class alone, at the end of {@code alerts}. */
    public static class OwnGroup implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pushmon.dispatcher.events.max-pending", String.valueOf(MAX_PENDING));
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GroupAtEnd.class,
                    GroupAtEnd.args(GROUP, Topic.ALERTS, "pushmon.dispatcher.events.group-id")));
        }
    }

    private static WireMockServer receiver;

    @Inject
    ChannelCache channels;

    @Inject
    EventConsumer events;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(post("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        receiver.stubFor(post("/slower").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        receiver.stubFor(post("/fast").willReturn(aResponse().withStatus(200)));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void consumerIsAssignedAndIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> events.assigned() && events.unfinished() == 0);
    }

    private ChannelDefinition channelAt(String tenant, String path) {
        ChannelDefinition channel = DispatcherTopics.webhook(tenant, receiver.baseUrl() + path);
        DispatcherTopics.put(channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.find(channel.id()).isPresent());
        return channel;
    }

    private static long committed(int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata()
                    .get().get(new TopicPartition(Topic.ALERTS.topicName(), partition));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static int requests(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void anEventIsNotCommittedPastAnEarlierOneWhoseSendIsUnderWay() throws Exception {
        String tenant = id("tenant");
        ChannelDefinition slow = channelAt(tenant, "/slower");
        ChannelDefinition fast = channelAt(tenant, "/fast");
        int slowBefore = requests("/slower");
        int fastBefore = requests("/fast");
        long first = topics().send(Topic.ALERTS, 0, "m", down(tenant, id("mon"), 1, slow.id())).offset();
        topics().send(Topic.ALERTS, 0, "m", down(tenant, id("mon"), 1, fast.id()));

        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/fast") == fastBefore + 1);
        assertThat(requests("/slower")).isEqualTo(slowBefore + 1);
        // The later event settles within these two seconds, the earlier one waits for its answer: the commit
        // must stay before it the whole time.
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofMillis(2_000)).until(() -> committed(0) <= first);

        await().atMost(Duration.ofSeconds(10)).until(() -> committed(0) == first + 2);
    }

    @Test
    void anUnreadableRecordIsSkippedAndItsOffsetCommitted() throws Exception {
        long bad = topics().sendRaw(Topic.ALERTS, 1, "bad", "{not json".getBytes(StandardCharsets.UTF_8)).offset();

        await().atMost(Duration.ofSeconds(10)).until(() -> committed(1) == bad + 1);
        assertThat(events.failed()).isFalse();
    }

    @Test
    void noMoreThanMaxPendingEventsAreUnfinishedAtOnce() {
        String tenant = id("tenant");
        ChannelDefinition slow = channelAt(tenant, "/slow");
        int before = requests("/slow");
        int count = 3 * MAX_PENDING;
        for (int i = 0; i < count; i++) {
            DispatcherTopics.publish(down(tenant, id("mon"), 1, slow.id()), 2);
        }
        AtomicInteger most = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            most.accumulateAndGet(events.unfinished(), Math::max);
            return requests("/slow") == before + count;
        });
        assertThat(most.get()).isEqualTo(MAX_PENDING);
    }
}
