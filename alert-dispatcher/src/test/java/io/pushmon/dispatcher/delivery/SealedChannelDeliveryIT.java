package io.pushmon.dispatcher.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.down;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.id;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.publish;
import static io.pushmon.dispatcher.delivery.DispatcherTopics.put;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.secrets.ChannelSecrets;
import io.pushmon.common.secrets.SecretCipher;
import io.pushmon.dispatcher.channelcache.ChannelCache;
import io.pushmon.kafka.testing.KafkaTestBroker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Channels whose credentials the {@code channels} topic holds encrypted, delivered to a real local receiver. */
@QuarkusTest
@WithTestResource(KafkaTestBroker.class)
class SealedChannelDeliveryIT {

    private static final String SIGNING_SECRET = "whsec_sealedSigningSecret0123456789";

    private static WireMockServer receiver;

    @Inject
    ChannelSecrets secrets;

    @Inject
    ChannelCache channels;

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void dispatcherIsReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    private ChannelDefinition stored(ChannelDefinition sealed) {
        put(sealed);
        await().atMost(Duration.ofSeconds(10)).until(() -> channels.find(sealed.id()).isPresent());
        return sealed;
    }

    private static ChannelDefinition webhook(String tenantId, String path) {
        Instant now = Instant.now();
        return new ChannelDefinition(id("ch"), tenantId, "ops hook", "webhook",
                Map.of("url", receiver.baseUrl() + path), SIGNING_SECRET, now, now);
    }

    @Test
    void aSealedWebhookIsDeliveredToItsUrlAndSignedWithItsSecret() {
        String path = "/hooks/" + id("keyed-path");
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
        String tenant = id("tenant");
        ChannelDefinition channel = stored(secrets.seal(webhook(tenant, path)));
        assertThat(channel.settings().get("url")).startsWith("enc:v1:test:");

        publish(down(tenant, id("mon"), 1, channel.id()));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !receiver.findAll(postRequestedFor(urlEqualTo(path))).isEmpty());
        LoggedRequest request = receiver.findAll(postRequestedFor(urlEqualTo(path))).get(0);
        assertThat(request.getHeader("X-Pushmon-Signature"))
                .isEqualTo("v1=" + hmac(SIGNING_SECRET, request.getHeader("X-Pushmon-Timestamp"), request.getBody()));
    }

    @Test
    void aChannelUnderAKeyTheDispatcherLacksFailsItsDeliveryWithTheReasonAndOthersStillGo() {
        String lostPath = "/hooks/" + id("lost");
        String goodPath = "/hooks/" + id("good");
        receiver.stubFor(post(lostPath).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(goodPath).willReturn(aResponse().withStatus(204)));
        String tenant = id("tenant");
        ChannelSecrets elsewhere = new ChannelSecrets(SecretCipher.parse(List.of(SecretCipher.newKeyEntry("gone"))));
        ChannelDefinition lost = stored(elsewhere.seal(webhook(tenant, lostPath)));
        ChannelDefinition good = stored(secrets.seal(webhook(tenant, goodPath)));
        MonitorEvent event = down(tenant, id("mon"), 1, lost.id(), good.id());

        publish(event);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> !receiver.findAll(postRequestedFor(urlEqualTo(goodPath))).isEmpty());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .get("/internal/monitors/{id}/notifications", event.monitorId()).then().statusCode(200)
                .body("findAll { it.channelId == '" + lost.id() + "' }.lastError",
                        hasItem(containsString("encrypted with key 'gone'")))
                .body(not(containsString(SIGNING_SECRET))).body(not(containsString(lostPath))));
        assertThat(receiver.findAll(postRequestedFor(urlEqualTo(lostPath)))).isEmpty();
    }

    private static String hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
