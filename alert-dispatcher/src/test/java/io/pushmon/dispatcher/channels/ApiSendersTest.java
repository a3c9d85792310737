package io.pushmon.dispatcher.channels;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.pushmon.dispatcher.channels.Channels.await;
import static io.pushmon.dispatcher.channels.Channels.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.vertx.core.Vertx;


import io.pushmon.common.delivery.AttemptResult;
import io.pushmon.common.model.Notice;

/** Telegram, ntfy and PagerDuty against a local server standing in for the vendor's API host. */
class ApiSendersTest {

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Vertx VERTX = Vertx.vertx();
    private static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    private ChannelsConfig config() {
        return Channels.config(
                "pushmon.channels.telegram.api-base-url", vendor.baseUrl(),
                "pushmon.channels.pagerduty.events-url", vendor.baseUrl() + "/v2/enqueue",
                "pushmon.channels.ntfy.default-server", vendor.baseUrl());
    }

    @Test
    void telegramSendsMessageToTheBotApiWithHtmlParseMode() throws Exception {
        vendor.stubFor(post("/bot" + BOT_TOKEN + "/sendMessage")
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true,\"result\":{}}")));
        TelegramSender sender = new TelegramSender(new ChannelHttp(VERTX, config()), config());
        var channel = Channels.channel("telegram", null, "botToken", BOT_TOKEN, "chatId", "-1001234567890");

        assertThat(await(sender.send(Channels.down(), channel))).isEqualTo(SendOutcome.delivered(200));
        assertThat(await(sender.send(Channels.up(), channel))).isEqualTo(SendOutcome.delivered(200));

        List<LoggedRequest> requests = all();
        assertThat(requests).extracting(LoggedRequest::getUrl)
                .containsExactly("/bot" + BOT_TOKEN + "/sendMessage", "/bot" + BOT_TOKEN + "/sendMessage");
        assertThat(requests.get(0).getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json(requests.get(0).getBodyAsString())).isEqualTo(json("""
                {"chat_id":"-1001234567890","parse_mode":"HTML","link_preview_options":{"is_disabled":true},
                 "text":"🔴 <b>nightly-backup is DOWN</b>\\n<b>Reason:</b> no push arrived in time\\n<b>Down since:</b> 2026-11-23 20:37:59 UTC\\n<b>Last message:</b> rsync exit &lt;23&gt;\\n"}
                """));
        assertThat(json(requests.get(1).getBodyAsString()).get("text").asText()).isEqualTo(
                "✅ <b>nightly-backup is UP again</b>\n<b>Reason:</b> pushes arrived again\n"
                        + "<b>Up since:</b> 2026-11-23 21:40:04 UTC\n<b>Down for:</b> 1h 2m 5s\n"
                        + "<b>Last message:</b> ok\n");
    }

    @Test
    void telegramErrorsExplainTheProblemWithoutTheBotToken() throws Exception {
        vendor.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
                .withBody("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized for bot" + BOT_TOKEN + "\"}")));
        TelegramSender sender = new TelegramSender(new ChannelHttp(VERTX, config()), config());

        SendOutcome outcome = await(sender.send(Channels.down(),
                Channels.channel("telegram", null, "botToken", BOT_TOKEN, "chatId", "42")));

        assertThat(outcome.kind()).isEqualTo(AttemptResult.PERMANENT);
        assertThat(outcome.error()).startsWith("HTTP 401 from localhost: ").contains("Unauthorized")
                .doesNotContain(BOT_TOKEN).doesNotContain("AAHdqTcv");
    }

    @Test
    void ntfyPublishesJsonToTheServerRootWithPriorityAndTags() throws Exception {
        vendor.stubFor(post("/").willReturn(aResponse().withStatus(200).withBody("{\"id\":\"x\"}")));
        NtfySender sender = new NtfySender(new ChannelHttp(VERTX, config()), config());
        var channel = Channels.channel("ntfy", null, "topic", "ops-alerts_42", "token", "tk_secret");

        assertThat(await(sender.send(Channels.down(), channel))).isEqualTo(SendOutcome.delivered(200));
        assertThat(await(sender.send(Channels.up(), channel))).isEqualTo(SendOutcome.delivered(200));

        List<LoggedRequest> requests = all();
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly("/", "/");
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer tk_secret");
        assertThat(requests.get(0).getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json(requests.get(0).getBodyAsString())).isEqualTo(json("""
                {"topic":"ops-alerts_42","title":"nightly-backup is DOWN",
                 "message":"Reason: no push arrived in time\\nDown since: 2026-11-23 20:37:59 UTC\\nLast message: rsync exit <23>",
                 "priority":5,"tags":["rotating_light","pushmon"]}
                """));
        assertThat(json(requests.get(1).getBodyAsString())).isEqualTo(json("""
                {"topic":"ops-alerts_42","title":"nightly-backup is UP again",
                 "message":"Reason: pushes arrived again\\nUp since: 2026-11-23 21:40:04 UTC\\nDown for: 1h 2m 5s\\nLast message: ok",
                 "priority":3,"tags":["white_check_mark","pushmon"]}
                """));
    }

    @Test
    void ntfyOnAServerTheTenantNamedGoesThroughTheSsrfGuard() throws Exception {
        ChannelsConfig strict = Channels.config("pushmon.channels.allow-loopback", "false");
        NtfySender sender = new NtfySender(new ChannelHttp(VERTX, strict), strict);

        SendOutcome outcome = await(sender.send(Channels.down(),
                Channels.channel("ntfy", null, "topic", "ops", "server", vendor.baseUrl())));

        assertThat(outcome.kind()).isEqualTo(AttemptResult.PERMANENT);
        assertThat(outcome.error()).startsWith("refused: localhost resolves to a loopback address");
        assertThat(all()).isEmpty();
    }

    @Test
    void pagerDutyTriggersOnDownAndResolvesOnRecoveryWithTheSameDedupKey() throws Exception {
        vendor.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"pushmon:mon-1:7\"}")));
        PagerDutySender sender = new PagerDutySender(new ChannelHttp(VERTX, config()), config());
        var channel = Channels.channel("pagerduty", null, "routingKey", ROUTING_KEY);

        assertThat(await(sender.send(Channels.down(), channel))).isEqualTo(SendOutcome.delivered(202));
        assertThat(await(sender.send(Channels.up(), channel))).isEqualTo(SendOutcome.delivered(202));

        List<LoggedRequest> requests = all();
        assertThat(requests).extracting(LoggedRequest::getUrl).containsExactly("/v2/enqueue", "/v2/enqueue");
        assertThat(requests.get(0).getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json(requests.get(0).getBodyAsString())).isEqualTo(json("""
                {"routing_key":"R0123456789abcdef0123456789abcde","event_action":"trigger",
                 "dedup_key":"pushmon:mon-1:7",
                 "payload":{"summary":"nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)",
                   "source":"nightly-backup","severity":"critical","timestamp":"2026-11-23T20:37:59Z",
                   "component":"nightly-backup","group":"pushmon","class":"timeout",
                   "custom_details":{"monitor_id":"mon-1","incident":7,
                     "reason":"no push arrived in time","last_message":"rsync exit <23>"}},
                 "client":"pushmon"}
                """));
        assertThat(json(requests.get(1).getBodyAsString())).isEqualTo(json("""
                {"routing_key":"R0123456789abcdef0123456789abcde","event_action":"resolve",
                 "dedup_key":"pushmon:mon-1:7"}
                """));
    }

    @Test
    void aPagerDutyTestNotificationNeverSharesAKeyWithARealIncident() throws Exception {
        vendor.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)));
        PagerDutySender sender = new PagerDutySender(new ChannelHttp(VERTX, config()), config());
        Notification test = new Notification(Channels.DOWN, "test:ch-1", 1, true);

        await(sender.send(test, Channels.channel("pagerduty", null, "routingKey", ROUTING_KEY, "severity", "error")));

        var body = json(all().get(0).getBodyAsString());
        assertThat(body.get("dedup_key").asText()).isEqualTo("pushmon-test:ch-1:evt-1");
        assertThat(body.at("/payload/severity").asText()).isEqualTo("info");
        assertThat(body.at("/payload/summary").asText()).startsWith("[test] nightly-backup is DOWN");
    }

    @Test
    void pagerDutyAcknowledgesTheIncidentsAlertAndSendsNoReminder() throws Exception {
        vendor.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)));
        PagerDutySender sender = new PagerDutySender(new ChannelHttp(VERTX, config()), config());
        var channel = Channels.channel("pagerduty", null, "routingKey", ROUTING_KEY);
        var reminder = Channels.DOWN.asAlert("alert-5", new Notice(Notice.Kind.REMINDER, 1, null, null),
                List.of("ch-1"));

        assertThat(await(sender.send(Channels.notice(reminder), channel))).isEqualTo(SendOutcome.delivered(0));
        assertThat(await(sender.send(Channels.notice(Channels.ACKNOWLEDGED), channel)))
                .isEqualTo(SendOutcome.delivered(202));

        assertThat(all()).hasSize(1);
        assertThat(json(all().get(0).getBodyAsString())).isEqualTo(json("""
                {"routing_key":"R0123456789abcdef0123456789abcde","event_action":"acknowledge",
                 "dedup_key":"pushmon:mon-1:7"}
                """));
    }

    @Test
    void pagerDutyOpensOneAlertPerGroupIncident() throws Exception {
        vendor.stubFor(post("/v2/enqueue").willReturn(aResponse().withStatus(202)));
        PagerDutySender sender = new PagerDutySender(new ChannelHttp(VERTX, config()), config());

        await(sender.send(Channels.notice(Channels.GROUP_DOWN),
                Channels.channel("pagerduty", null, "routingKey", ROUTING_KEY)));

        var body = json(all().get(0).getBodyAsString());
        assertThat(body.get("event_action").asText()).isEqualTo("trigger");
        assertThat(body.get("dedup_key").asText()).isEqualTo("pushmon:group:tenant-1:eu-west:4");
        assertThat(body.at("/payload/class").asText()).isEqualTo("group");
        assertThat(body.at("/payload/custom_details")).isEqualTo(json("""
                {"group_id":"group:tenant-1:eu-west","incident":4,"down":"7 of 12",
                 "monitors":"eu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7"}
                """));
    }

    private static List<LoggedRequest> all() {
        return vendor.findAll(postRequestedFor(anyUrl()));
    }
}
