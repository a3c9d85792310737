package io.pushmon.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.kafka.RecordWriter;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.secrets.SecretCipher;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.dispatcher.channels.ChannelSender;
import io.pushmon.dispatcher.channels.Notification;
import io.pushmon.dispatcher.channels.SendOutcome;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TestKafkaConfig;

/**
 * The thread that completes a send is a Vert.x event loop in production. The deliverer's writes must not run
 * on it: here the writer's broker is unreachable, so a write blocks for its whole max.block.
 */
class SettlingOffTheSenderThreadIT {

    private static final Duration MAX_BLOCK = Duration.ofSeconds(3);

    private final AtomicReference<CompletableFuture<SendOutcome>> answer = new AtomicReference<>();
    private ChannelCache channels;
    private RecordWriter writer;
    private Deliverer deliverer;

    @BeforeEach
    void start() throws IOException {
        channels = new ChannelCache(TestKafkaConfig.of(SharedKafka.bootstrapServers()));
        channels.start();
        KafkaConfig closed = TestKafkaConfig.of("127.0.0.1:" + closedPort());
        writer = new RecordWriter(KafkaClients.newProducer(closed, "settling-test", MAX_BLOCK),
                closed.produceTimeout());
        ChannelSender held = new ChannelSender() {
            @Override
            public String type() {
                return "held";
            }

            @Override
            public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
                CompletableFuture<SendOutcome> outcome = new CompletableFuture<>();
                answer.set(outcome);
                return outcome;
            }
        };
        DispatcherConfig config = DispatcherDefaults.config();
        deliverer = new Deliverer(channels, new ChannelSenders(List.of(held),
                new ChannelSecrets(SecretCipher.parse(List.of(SecretCipher.newKeyEntry("settling")))), config), writer, config,
                new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        deliverer.close();
        writer.close();
        channels.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theThreadThatCompletesASendIsNotHeldByTheWritesThatSettleIt() {
        String tenant = DispatcherTopics.id("tenant");
        Instant now = Instant.now();
        ChannelDefinition channel = new ChannelDefinition(DispatcherTopics.id("ch"), tenant, "held", "held", Map.of(),
                null, now, now);
        DispatcherTopics.put(channel);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.find(channel.id()).isPresent());

        CompletableFuture<Void> delivery = deliverer
                .deliverFirst(DispatcherTopics.down(tenant, DispatcherTopics.id("mon"), 1, channel.id()), channel.id(),
                        new SendLimiter(1))
                .toCompletableFuture();
        await().atMost(Duration.ofSeconds(5)).until(() -> answer.get() != null);

        long start = System.nanoTime();
        answer.get().complete(SendOutcome.delivered(200));
        Duration held = Duration.ofNanos(System.nanoTime() - start);

        assertThat(held).isLessThan(Duration.ofMillis(500));
        // The write still fails within max.block rather than Kafka's default minute, and says so.
        await().atMost(MAX_BLOCK.plusSeconds(5)).until(delivery::isDone);
        assertThat(delivery).isCompletedExceptionally();
    }
}
