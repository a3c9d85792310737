package io.pushmon.gateway.channels;

import static io.pushmon.gateway.GatewayTestSupport.DEFAULT_KEY;
import static io.pushmon.gateway.GatewayTestSupport.api;
import static io.pushmon.gateway.GatewayTestSupport.topics;
import static io.pushmon.gateway.GatewayTestSupport.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.secrets.SecretCipher;
import io.pushmon.common.topics.Topic;
import io.pushmon.gateway.status.FakeInternalServices;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Channel credentials on the real broker: what the {@code channels} topic holds, and re-encryption. */
@QuarkusTest
@WithTestResource(value = KafkaTestBroker.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = FakeInternalServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ChannelSecretsIT {

    private static final String OPERATOR_KEY = "test-operator-key-0123456789";
    private static final String HOOK_SECRET = "s3cr3tHookPart0123456789";
    private static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR_KEY).contentType(ContentType.JSON);
    }

    @Test
    void theChannelsTopicHoldsNoCredentialInTheClear() {
        JsonPath webhook = api(DEFAULT_KEY).body(Map.of("name", uniqueName("hook"), "type", "webhook",
                "url", "https://hooks.example.org/services/" + HOOK_SECRET)).post("/api/channels")
                .then().statusCode(201).extract().jsonPath();
        JsonPath telegram = api(DEFAULT_KEY).body(Map.of("name", uniqueName("tg"), "type", "telegram",
                "botToken", BOT_TOKEN, "chatId", "-1001234567890")).post("/api/channels")
                .then().statusCode(201).extract().jsonPath();
        String signingSecret = webhook.getString("secret");

        String hookRecord = rawValue(webhook.getString("id"));
        String telegramRecord = rawValue(telegram.getString("id"));

        assertThat(hookRecord).doesNotContain(HOOK_SECRET).doesNotContain("hooks.example.org")
                .doesNotContain(signingSecret).doesNotContain(signingSecret.substring("whsec_".length()))
                .contains("enc:v1:test:");
        assertThat(telegramRecord).doesNotContain(BOT_TOKEN).doesNotContain(BOT_TOKEN.substring(10))
                .contains("-1001234567890").contains("enc:v1:test:");
        // The gateway still reads them: the masked hints come from the decrypted values.
        api(DEFAULT_KEY).get("/api/channels/" + webhook.getString("id")).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.org/***"))
                .body(not(containsString(HOOK_SECRET))).body(not(containsString(signingSecret)));
        api(DEFAULT_KEY).get("/api/channels").then().statusCode(200)
                .body(not(containsString(BOT_TOKEN))).body(not(containsString(signingSecret)));
    }

    @Test
    void editingAChannelKeepsItsCredentialsEncrypted() {
        JsonPath created = api(DEFAULT_KEY).body(Map.of("name", uniqueName("hook"), "type", "webhook",
                "url", "https://hooks.example.org/services/" + HOOK_SECRET)).post("/api/channels")
                .then().statusCode(201).extract().jsonPath();
        String id = created.getString("id");

        api(DEFAULT_KEY).body(Map.of("name", "renamed", "type", "webhook", "url", created.getString("url")))
                .put("/api/channels/" + id).then().statusCode(200).body("url", equalTo("https://hooks.example.org/***"));
        String rotated = api(DEFAULT_KEY).post("/api/channels/" + id + "/secret").then().statusCode(200)
                .extract().jsonPath().getString("secret");

        assertThat(rawValue(id)).contains("renamed").doesNotContain(HOOK_SECRET).doesNotContain(rotated);
    }

    @Test
    void aChannelWrittenInPlaintextByAnOlderVersionIsReadAndReEncryptedOnRequest() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        topics().send(Topic.CHANNELS, id, new ChannelDefinition(id, "default", "legacy", "webhook",
                Map.of("url", "https://hooks.example.org/services/" + HOOK_SECRET), "whsec_legacySigningSecret0123",
                now, now));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> api(DEFAULT_KEY).get("/api/channels/" + id).then().statusCode(200)
                        .body("url", equalTo("https://hooks.example.org/***")));
        operator().get("/operator/secrets").then().statusCode(200)
                .body("currentKey", equalTo("test")).body("channelsByKey.plaintext", greaterThan(0));

        operator().post("/operator/secrets/re-encrypt").then().statusCode(200)
                .body("reEncrypted", greaterThan(0));

        assertThat(rawValue(id)).doesNotContain(HOOK_SECRET).doesNotContain("whsec_legacySigningSecret0123")
                .contains("enc:v1:test:");
        operator().get("/operator/secrets").then().statusCode(200)
                .body("channelsByKey.plaintext", nullValue());
        api(DEFAULT_KEY).get("/api/channels/" + id).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.org/***")).body("updatedAt", equalTo(now.toString()));
        api(DEFAULT_KEY).delete("/api/channels/" + id).then().statusCode(204);
    }

    @Test
    void aChannelUnderAKeyThisGatewayLacksIsAClearErrorAndCanStillBeDeleted() {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ChannelSecrets elsewhere = new ChannelSecrets(SecretCipher.parse(List.of(SecretCipher.newKeyEntry("gone"))));
        topics().send(Topic.CHANNELS, id, elsewhere.seal(new ChannelDefinition(id, "default", "orphan", "telegram",
                Map.of("botToken", BOT_TOKEN, "chatId", "-100"), null, now, now)));
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> api(DEFAULT_KEY).get("/api/channels/" + id)
                    .then().statusCode(500).body("error", containsString("cannot be decrypted")));
            operator().get("/operator/secrets").then().statusCode(200).body("unreadable", hasItem(id))
                    .body("channelsByKey.gone", equalTo(1));
            operator().post("/operator/secrets/re-encrypt").then().statusCode(200).body("unreadable", hasItem(id));
            assertThat(rawValue(id)).contains("enc:v1:gone:");
        } finally {
            api(DEFAULT_KEY).delete("/api/channels/" + id).then().statusCode(204);
        }
    }

    @Test
    void theSecretsEndpointsTakeOnlyTheOperatorKey() {
        given().get("/operator/secrets").then().statusCode(401);
        api(DEFAULT_KEY).post("/operator/secrets/re-encrypt").then().statusCode(401);
    }

    /** The latest value of a channel on the topic, as the broker stores it. */
    private static String rawValue(String channelId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.CHANNELS.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            byte[] key = channelId.getBytes(StandardCharsets.UTF_8);
            byte[] latest = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read channels to its end in time").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (Arrays.equals(key, record.key())) {
                        latest = record.value();
                    }
                }
            }
            assertThat(latest).as("a record of channel " + channelId).isNotNull();
            return new String(latest, StandardCharsets.UTF_8);
        }
    }
}
