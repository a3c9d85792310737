package io.pushmon.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pushmon.common.kafka.KafkaAccess;
import io.pushmon.common.kafka.KafkaAccess.Service;
import io.pushmon.common.kafka.KafkaClients;
import io.pushmon.common.kafka.KafkaConfig;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.common.topics.TopicProvisioner;
import io.pushmon.kafka.testing.TestKafkaConfig;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Channel;
import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;

/**
 * The three services on a broker secured as in production (TLS, SCRAM-SHA-512 per service, ACLs from
 * {@link KafkaAccess}, topics declared beforehand and only verified): they work with exactly their grants, and the
 * broker refuses a client that holds one service's credentials what only another service may do.
 */
class SecuredKafkaIT {

    private static final Map<Service, Component> COMPONENTS = Map.of(Service.GATEWAY, Component.GATEWAY,
            Service.PROCESSOR, Component.PROCESSOR, Service.DISPATCHER, Component.DISPATCHER);

    private static SecuredKafka kafka;
    private static PushmonSystem system;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        kafka = SecuredKafka.start(3);
        receiver = WebhookReceiver.start();
        PushmonSystem.Builder builder = PushmonSystem.builder().kafka(kafka.bootstrapServers(), 1);
        for (Service service : Service.values()) {
            Component component = COMPONENTS.get(service);
            securedSettings().forEach((property, value) -> builder.setting(component, property, value));
            builder.setting(component, "pushmon.kafka.topics", "verify");
            builder.environment(component, "KAFKA_SASL_JAAS_CONFIG",
                    SecuredKafka.jaasConfig(service.userName(), kafka.password(service)));
        }
        system = builder.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theServicesDetectAndNotifyWithOnlyTheirOwnGrants() {
        PushmonApi api = new PushmonApi(system);
        Channel channel = api.createWebhookChannel("secured", receiver.url("/hooks/secured"));
        Monitor monitor = api.createMonitor("secured", 2, List.of(channel.id()));

        assertThat(api.push(monitor.pushToken(), "msg=over-tls").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.count("/hooks/secured") >= 1);
        assertThat(receiver.deliveries("/hooks/secured").get(0).header("X-Pushmon-Event")).isEqualTo("monitor.down");
        assertThat(api.push(monitor.pushToken(), "msg=back").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.count("/hooks/secured") >= 2);
        assertThat(receiver.deliveries("/hooks/secured").get(1).header("X-Pushmon-Event")).isEqualTo("monitor.up");
    }

    @Test
    void theGatewaysCredentialsMayWritePushesButNotReadThem() {
        KafkaConfig gateway = configOf(Service.GATEWAY, kafka.password(Service.GATEWAY));
        try (KafkaProducer<byte[], byte[]> producer = producer(gateway)) {
            producer.send(Topic.HEARTBEATS.record("probe-" + UUID.randomUUID(),
                    Heartbeat.push(PushStatus.UP, null, null, null, null, 0))).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the gateway may write heartbeats", e);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway, null)) {
            consumer.assign(List.of(new TopicPartition(Topic.HEARTBEATS.topicName(), 0)));
            assertThatThrownBy(() -> pollFor(consumer)).isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theGatewaysCredentialsMayNotWriteStatusChangesOrJoinTheDispatchersGroup() {
        KafkaConfig gateway = configOf(Service.GATEWAY, kafka.password(Service.GATEWAY));
        try (KafkaProducer<byte[], byte[]> producer = producer(gateway)) {
            assertThatThrownBy(() -> producer.send(Topic.MONITOR_EVENTS.record("x", null)).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(gateway, KafkaAccess.DISPATCHER_EVENTS_GROUP)) {
            consumer.subscribe(List.of(Topic.MONITOR_EVENTS.topicName()));
            assertThatThrownBy(() -> pollFor(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aDispatcherStartedWithTheProcessorsCredentialsFailsItsTopicCheck() {
        KafkaConfig processor = configOf(Service.PROCESSOR, kafka.password(Service.PROCESSOR));

        assertThatThrownBy(() -> TopicProvisioner.provision(processor, Service.DISPATCHER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Topic.NOTIFICATION_RETRIES.topicName());
    }

    @Test
    void theDispatchersCredentialsMayNotWritePushes() {
        KafkaConfig dispatcher = configOf(Service.DISPATCHER, kafka.password(Service.DISPATCHER));
        try (KafkaProducer<byte[], byte[]> producer = producer(dispatcher)) {
            assertThatThrownBy(() -> producer.send(Topic.HEARTBEATS.record("x",
                    Heartbeat.push(PushStatus.UP, null, null, null, null, 0))).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtLogin() {
        KafkaConfig impostor = configOf(Service.GATEWAY, "not-the-password");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(impostor, null)) {
            assertThatThrownBy(() -> consumer.listTopics(Duration.ofSeconds(20)))
                    .isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void noServiceLogsItsKafkaPassword() throws IOException {
        try (Stream<Path> logs = Files.list(system.dataDir().resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log);
                for (Service service : Service.values()) {
                    assertThat(text).as(log.getFileName().toString()).doesNotContain(kafka.password(service));
                }
            }
        }
    }

    /** What every service is given besides its JAAS line. */
    private static Map<String, String> securedSettings() {
        return Map.of("kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512",
                "kafka.ssl.truststore.type", "PEM",
                "kafka.ssl.truststore.location", kafka.caCertificate().toString());
    }

    /** The typed configuration a service with this user's credentials would run with. */
    private static KafkaConfig configOf(Service service, String password) {
        Map<String, String> properties = new HashMap<>(securedSettings());
        properties.put("kafka.sasl.jaas.config", SecuredKafka.jaasConfig(service.userName(), password));
        properties.put("pushmon.kafka.topics", "verify");
        return TestKafkaConfig.of(kafka.bootstrapServers(), properties);
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaConfig config) {
        return new KafkaProducer<>(KafkaClients.producer(config, "secured-it", Duration.ofSeconds(20)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaConfig config, String group) {
        Map<String, Object> settings = group == null ? KafkaClients.groupless(config, "secured-it")
                : KafkaClients.groupMember(config, "secured-it", group);
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Polls until the broker answers with records or an error; the error is what the tests expect. */
    private static void pollFor(KafkaConsumer<byte[], byte[]> consumer) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return;
            }
        }
    }
}
