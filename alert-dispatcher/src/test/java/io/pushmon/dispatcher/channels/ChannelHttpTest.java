package io.pushmon.dispatcher.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pushmon.dispatcher.channels.Channels.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.vertx.core.Vertx;

import io.pushmon.common.delivery.AttemptResult;

/** How receivers' answers, silences and addresses turn into outcomes the delivery engine can act on. */
class ChannelHttpTest {

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Vertx VERTX = Vertx.vertx();
    private final ChannelHttp http = new ChannelHttp(VERTX,
            Channels.config("pushmon.channels.request-timeout", "500ms"));
    private final ChannelHttp strict = new ChannelHttp(VERTX, Channels.config("pushmon.channels.allow-loopback", "false"));

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    private SendOutcome postTo(ChannelHttp client, String url) throws Exception {
        return await(client.postJson(url, Map.of("text", "hi"), Map.of(), List.of(), false));
    }

    private String hook() {
        return receiver.baseUrl() + "/hook/SECRETKEY";
    }

    @Test
    void aServerErrorIsRetryable() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));

        assertThat(postTo(http, hook()))
                .isEqualTo(SendOutcome.retryable(500, null, "HTTP 500 from localhost: boom"));
    }

    @Test
    void tooManyRequestsIsRetryableAfterTheSecondsTheReceiverAskedFor() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")));

        SendOutcome outcome = postTo(http, hook());

        assertThat(outcome.kind()).isEqualTo(AttemptResult.RETRYABLE);
        assertThat(outcome.statusCode()).isEqualTo(429);
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() throws Exception {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", inAMinute)));

        SendOutcome outcome = postTo(http, hook());

        assertThat(outcome.kind()).isEqualTo(AttemptResult.RETRYABLE);
        assertThat(outcome.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    }

    @Test
    void aRateLimitGivenOnlyInADiscordStyleBodyIsHonoured() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(429)
                .withBody("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}")));

        assertThat(postTo(http, hook()).retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aRequestTimeoutAnswerIsRetryable() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(408)));

        assertThat(postTo(http, hook()).kind()).isEqualTo(AttemptResult.RETRYABLE);
    }

    @Test
    void aBadRequestIsPermanentAndItsExplanationNeverShowsTheUrlsKey() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400)
                .withBody("invalid_payload for " + hook())));

        SendOutcome outcome = postTo(http, hook());

        assertThat(outcome).isEqualTo(SendOutcome.permanent(400, "HTTP 400 from localhost: invalid_payload for ***"));
    }

    @Test
    void redirectsAreNotFollowedSoTheyCannotLeadPastTheGuard() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data")));

        SendOutcome outcome = postTo(http, hook());

        assertThat(outcome.kind()).isEqualTo(AttemptResult.PERMANENT);
        assertThat(outcome.error()).endsWith("(redirects are not followed)");
        assertThat(receiver.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aReceiverThatNeverAnswersIsRetryableOnceTheRequestTimeoutPassed() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        long start = System.nanoTime();

        SendOutcome outcome = postTo(http, hook());

        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(outcome).isEqualTo(SendOutcome.retryable(0, null, "no answer from localhost within 500 ms"));
        assertThat(tookMillis).isBetween(450L, 2_000L);
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SendOutcome outcome = postTo(http, "http://127.0.0.1:" + closedPort + "/hook/SECRETKEY");

        assertThat(outcome.kind()).isEqualTo(AttemptResult.RETRYABLE);
        assertThat(outcome.error()).startsWith("request to 127.0.0.1 failed").doesNotContain("SECRETKEY");
    }

    @Test
    void theGuardRefusesLoopbackPrivateAndMetadataTargetsWithoutConnecting() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        assertThat(postTo(strict, "http://127.0.0.1:" + receiver.getPort() + "/hook")).isEqualTo(SendOutcome.permanent(0,
                "refused: 127.0.0.1 resolves to a loopback address; pushmon does not call internal networks"));
        assertThat(postTo(strict, "http://10.0.0.1/hook")).isEqualTo(SendOutcome.permanent(0,
                "refused: 10.0.0.1 resolves to a private address; pushmon does not call internal networks"));
        assertThat(postTo(strict, "http://169.254.169.254/latest/meta-data")).isEqualTo(SendOutcome.permanent(0,
                "refused: 169.254.169.254 resolves to a link-local address; pushmon does not call internal networks"));
        assertThat(postTo(strict, hook())).isEqualTo(SendOutcome.permanent(0,
                "refused: localhost resolves to a loopback address; pushmon does not call internal networks"));
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    @Test
    void loopbackIsReachableWhenConfigurationAllowsIt() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        assertThat(postTo(http, "http://127.0.0.1:" + receiver.getPort() + "/hook")).isEqualTo(SendOutcome.delivered(200));
        assertThat(postTo(http, "http://10.0.0.1/hook").kind()).isEqualTo(AttemptResult.PERMANENT);
    }

    @Test
    void schemesOtherThanHttpAreRefused() throws Exception {
        assertThat(postTo(http, "file:///etc/passwd"))
                .isEqualTo(SendOutcome.permanent(0, "refused: only http and https URLs are allowed"));
        assertThat(postTo(http, "ftp://example.org/x"))
                .isEqualTo(SendOutcome.permanent(0, "refused: only http and https URLs are allowed"));
    }

    @Test
    void theHostNameIsKeptInTheRequestWhileTheApprovedAddressIsDialled() throws Exception {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));

        postTo(http, hook());

        assertThat(receiver.getAllServeEvents().get(0).getRequest().getHeader("Host"))
                .isEqualTo("localhost:" + receiver.getPort());
    }
}
