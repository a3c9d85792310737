package io.pushmon.dispatcher.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pushmon.dispatcher.channels.Channels.await;
import static io.pushmon.dispatcher.channels.Channels.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.vertx.core.Vertx;

import io.pushmon.common.delivery.AttemptResult;

class WebhookSenderTest {

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Vertx VERTX = Vertx.vertx();
    private static final String SECRET = "whsec_test_0123456789";

    private final WebhookSender sender = new WebhookSender(new ChannelHttp(VERTX, Channels.config()));

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @BeforeEach
    void receiverAccepts() {
        receiver.stubFor(post("/hooks/pushmon?team=ops").willReturn(aResponse().withStatus(204)));
    }

    private String url() {
        return receiver.baseUrl() + "/hooks/pushmon?team=ops";
    }

    @Test
    void aDownIsPostedAsDocumentedJsonWithIdempotencyKeyAndAValidSignature() throws Exception {
        long before = Instant.now().getEpochSecond();
        SendOutcome outcome = await(sender.send(Channels.down(), Channels.channel("webhook", SECRET, "url", url())));

        assertThat(outcome).isEqualTo(SendOutcome.delivered(204));
        LoggedRequest request = single();
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("User-Agent")).isEqualTo("pushmon-alert-dispatcher/1");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("mon-1:7:down:ch-1");
        assertThat(request.getHeader("X-Pushmon-Event")).isEqualTo("monitor.down");
        assertThat(request.getHeader("X-Pushmon-Attempt")).isEqualTo("1");
        long timestamp = Long.parseLong(request.getHeader("X-Pushmon-Timestamp"));
        assertThat(timestamp).isBetween(before, Instant.now().getEpochSecond());
        assertThat(request.getHeader("X-Pushmon-Signature"))
                .isEqualTo("v1=" + hmac(SECRET, timestamp + "." + request.getBodyAsString()));
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"type":"monitor.down","test":false,"idempotencyKey":"mon-1:7:down:ch-1",
                 "eventId":"evt-1","monitorId":"mon-1","monitorName":"nightly-backup",
                 "from":"up","to":"down","reason":"timeout","at":"2026-11-23T20:37:59Z","incident":7,
                 "lastHeartbeatAt":"2026-11-23T20:32:59Z","lastMsg":"rsync exit <23>","lastValue":23.0,
                 "summary":"nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)",
                 "channel":{"id":"ch-1","name":"ops"}}
                """));
    }

    @Test
    void aRecoveryCarriesTheOutageDurationAndIsSignedToo() throws Exception {
        SendOutcome outcome = await(sender.send(Channels.up(), Channels.channel("webhook", SECRET, "url", url())));

        assertThat(outcome.kind()).isEqualTo(AttemptResult.DELIVERED);
        LoggedRequest request = single();
        assertThat(request.getHeader("X-Pushmon-Event")).isEqualTo("monitor.up");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("mon-1:7:up:ch-1");
        assertThat(request.getHeader("X-Pushmon-Signature")).isEqualTo("v1="
                + hmac(SECRET, request.getHeader("X-Pushmon-Timestamp") + "." + request.getBodyAsString()));
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"type":"monitor.up","test":false,"idempotencyKey":"mon-1:7:up:ch-1",
                 "eventId":"evt-2","monitorId":"mon-1","monitorName":"nightly-backup",
                 "from":"down","to":"up","reason":"recovered","at":"2026-11-23T21:40:04Z","incident":7,
                 "downSince":"2026-11-23T20:37:59Z","outageSeconds":3725,
                 "lastHeartbeatAt":"2026-11-23T21:40:04Z","lastMsg":"ok","lastValue":0.0,
                 "summary":"nightly-backup is UP again: pushes arrived again (2026-11-23 21:40:04 UTC, down for 1h 2m 5s)",
                 "channel":{"id":"ch-1","name":"ops"}}
                """));
    }

    @Test
    void aGroupDownCarriesTheGroupWithItsMembersInTheNoticeObject() throws Exception {
        SendOutcome outcome = await(sender.send(Channels.notice(Channels.GROUP_DOWN),
                Channels.channel("webhook", SECRET, "url", url())));

        assertThat(outcome.kind()).isEqualTo(AttemptResult.DELIVERED);
        LoggedRequest request = single();
        assertThat(request.getHeader("X-Pushmon-Event")).isEqualTo("group.down");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("group:tenant-1:eu-west:4:group-down:ch-1");
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"type":"group.down","test":false,"idempotencyKey":"group:tenant-1:eu-west:4:group-down:ch-1",
                 "eventId":"alert-3","monitorId":"group:tenant-1:eu-west","monitorName":"monitors tagged eu-west",
                 "from":"up","to":"down","reason":"timeout","at":"2026-11-23T20:37:59Z","incident":4,
                 "summary":"7 of 12 monitors tagged eu-west are DOWN: eu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7",
                 "notice":{"kind":"group-down","group":{"key":"eu-west","label":"monitors tagged eu-west",
                   "down":7,"total":12,"members":[
                     {"monitorId":"mon-eu-1","name":"eu-1","since":"2026-11-23T20:37:59Z"},
                     {"monitorId":"mon-eu-2","name":"eu-2","since":"2026-11-23T20:38:59Z"},
                     {"monitorId":"mon-eu-3","name":"eu-3","since":"2026-11-23T20:39:59Z"},
                     {"monitorId":"mon-eu-4","name":"eu-4","since":"2026-11-23T20:40:59Z"},
                     {"monitorId":"mon-eu-5","name":"eu-5","since":"2026-11-23T20:41:59Z"},
                     {"monitorId":"mon-eu-6","name":"eu-6","since":"2026-11-23T20:42:59Z"},
                     {"monitorId":"mon-eu-7","name":"eu-7","since":"2026-11-23T20:43:59Z"}],
                   "joined":[]}},
                 "channel":{"id":"ch-1","name":"ops"}}
                """));
    }

    @Test
    void anAcknowledgementSaysWhoAndKeepsTheOutageFields() throws Exception {
        await(sender.send(Channels.notice(Channels.ACKNOWLEDGED), Channels.channel("webhook", SECRET, "url", url())));

        LoggedRequest request = single();
        assertThat(request.getHeader("X-Pushmon-Event")).isEqualTo("monitor.acknowledged");
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("mon-1:7:ack:ch-1");
        assertThat(request.getHeader("X-Pushmon-Signature")).isEqualTo("v1="
                + hmac(SECRET, request.getHeader("X-Pushmon-Timestamp") + "." + request.getBodyAsString()));
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"type":"monitor.acknowledged","test":false,"idempotencyKey":"mon-1:7:ack:ch-1",
                 "eventId":"alert-4","monitorId":"mon-1","monitorName":"nightly-backup",
                 "from":"up","to":"down","reason":"timeout","at":"2026-11-23T20:37:59Z","incident":7,
                 "lastHeartbeatAt":"2026-11-23T20:32:59Z","lastMsg":"rsync exit <23>","lastValue":23.0,
                 "summary":"nightly-backup was acknowledged by alice@example.com: no push arrived in time (down since 2026-11-23 20:37:59 UTC)",
                 "notice":{"kind":"acknowledged","acknowledgedBy":"alice@example.com"},
                 "channel":{"id":"ch-1","name":"ops"}}
                """));
    }

    @Test
    void aSignatureMadeWithAnotherSecretDoesNotVerify() throws Exception {
        await(sender.send(Channels.down(), Channels.channel("webhook", SECRET, "url", url())));

        LoggedRequest request = single();
        String signed = request.getHeader("X-Pushmon-Timestamp") + "." + request.getBodyAsString();
        assertThat(request.getHeader("X-Pushmon-Signature")).isNotEqualTo("v1=" + hmac("other-secret", signed));
    }

    @Test
    void aChannelWithoutASigningSecretIsAPermanentFailureAndSendsNothing() throws Exception {
        SendOutcome outcome = await(sender.send(Channels.down(), Channels.channel("webhook", null, "url", url())));

        assertThat(outcome).isEqualTo(SendOutcome.permanent(0, "the webhook channel has no signing secret"));
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    private static LoggedRequest single() {
        List<LoggedRequest> requests = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/pushmon?team=ops")));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
