package io.pushmon.dispatcher.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.down;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TestKafkaConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The event consumer runs as a component the test starts and kills, so "after the send, before the commit"
 * can be hit on purpose: the receiver holds its answer, and the consumer is halted while it waits.
 */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@TestProfile(RedeliveryAfterCrashIT.ConsumersDrivenByTheTest.class)
class RedeliveryAfterCrashIT {

    /** The application's own consumers stay off: the only consumers are the ones the test runs. */
    public static class ConsumersDrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pushmon.dispatcher.events.enabled", "false",
                    "pushmon.dispatcher.retry.enabled", "false",
                    "pushmon.dispatcher.retry.group-id", "pushmon-dispatcher-retries-driven-by-tests");
        }
    }

    @Inject
    ChannelCache channels;

    @Inject
    DispatcherConfig config;

    @Inject
    Deliverer deliverer;

    private WireMockServer receiver;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    private EventConsumer consumer(String groupId) {
        EventConsumer consumer = new EventConsumer(TestKafkaConfig.of(SharedKafka.bootstrapServers()), groupId, config,
                deliverer);
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(consumer::assigned);
        return consumer;
    }

    @Test
    void aDispatcherKilledAfterSendingAndBeforeCommittingSendsAgainWithTheSameKeyOnRestart() {
        // Slower than the commit interval, faster than the send timeout: the send is under way when it dies.
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        String tenant = id("tenant");
        ChannelDefinition channel = DispatcherTopics.webhook(tenant, receiver.baseUrl() + "/hook");
        DispatcherTopics.put(channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.find(channel.id()).isPresent());
        String group = id("crash-test");
        DispatcherTopics.startGroupAtEnd(group);
        MonitorEvent event = down(tenant, id("mon"), 9, channel.id());

        EventConsumer first = consumer(group);
        DispatcherTopics.publish(event);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook")))
                .size() == 1);
        first.halt();

        EventConsumer second = consumer(group);
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook")))
                .size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.unfinished() == 0);
        second.close();

        List<String> keys = receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).stream()
                .map(request -> request.getHeader("Idempotency-Key")).toList();
        assertThat(keys).containsExactly(IdempotencyKey.of(event, channel.id()), IdempotencyKey.of(event,
                channel.id()));

        // The second consumer finished and committed: a third member of the group has nothing to re-send.
        EventConsumer third = consumer(group);
        try {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 2);
        } finally {
            third.close();
        }
    }
}
