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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.pushmon.common.delivery.ScheduledRetry;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.topics.Topic;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TestKafkaConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A retry held in memory until due, while its partition moves in a rebalance: the receiver must get that
 * attempt once, from whoever owns the partition when it is due.
 */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
@TestProfile(RedeliveryAfterCrashIT.ConsumersDrivenByTheTest.class)
class RetryRebalanceIT {

    /** Long enough for the second member to join and the group to rebalance before the retry is due. */
    private static final Duration DUE_IN = Duration.ofSeconds(12);

    @Inject
    ChannelCache channels;

    @Inject
    DispatcherConfig config;

    @Inject
    Deliverer deliverer;

    private WireMockServer receiver;
    private RetryConsumer first;
    private RetryConsumer second;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stopAll() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        receiver.stop();
    }

    private RetryConsumer consumer() {
        RetryConsumer consumer = new RetryConsumer(TestKafkaConfig.of(SharedKafka.bootstrapServers()), config,
                deliverer);
        consumer.start();
        return consumer;
    }

    private static void write(ScheduledRetry retry) {
        DispatcherTopics.topics().send(Topic.NOTIFICATION_RETRIES, retry.idempotencyKey(), retry);
    }

    @Test
    void aRetryHeldWhenItsPartitionMovesIsSentOnceByItsNewOwner() throws Exception {
        String tenant = id("tenant");
        ChannelDefinition channel = DispatcherTopics.webhook(tenant, receiver.baseUrl() + "/hook");
        DispatcherTopics.put(channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.find(channel.id()).isPresent());
        DispatcherTopics.topics().moveGroupToEnd(config.retry().groupId(), Topic.NOTIFICATION_RETRIES);
        MonitorEvent event = down(tenant, id("mon"), 3, channel.id());
        String key = IdempotencyKey.of(event, channel.id());

        first = consumer();
        await().atMost(Duration.ofSeconds(30)).until(first::assigned);
        write(new ScheduledRetry(key, event, channel.id(), 2, Instant.now().plus(DUE_IN), List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.unfinished() == 1);

        // Joining revokes every partition of the first member (eager rebalance), the held one included.
        second = consumer();
        await().atMost(DUE_IN.minusSeconds(2)).until(second::assigned);

        await().atMost(DUE_IN.plusSeconds(10))
                .until(() -> !receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> receiver.findAll(postRequestedFor(urlEqualTo("/hook"))).size() == 1);
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo("/hook"))))
                .extracting(request -> request.getHeader("Idempotency-Key")).containsExactly(key);
    }
}
