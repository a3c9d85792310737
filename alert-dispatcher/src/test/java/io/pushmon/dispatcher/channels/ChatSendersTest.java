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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.vertx.core.Vertx;

/**
 * Slack, Discord and Teams against a local server, checked against the shape each vendor documents. The
 * webhook URL is the whole configuration of these kinds, so the fake only has to answer on its path.
 */
class ChatSendersTest {

    @RegisterExtension
    static WireMockExtension vendor = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Vertx VERTX = Vertx.vertx();
    private final ChannelHttp http = new ChannelHttp(VERTX, Channels.config());

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @BeforeEach
    void vendorAccepts() {
        vendor.stubFor(post("/services/T000/B000/XXXX").willReturn(aResponse().withStatus(200).withBody("ok")));
        vendor.stubFor(post("/api/webhooks/123/tok").willReturn(aResponse().withStatus(204)));
        vendor.stubFor(post("/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t")
                .willReturn(aResponse().withStatus(202)));
    }

    @Test
    void slackGetsFallbackTextAndBlocksForADown() throws Exception {
        SlackSender sender = new SlackSender(http);
        SendOutcome outcome = await(sender.send(Channels.down(),
                Channels.channel("slack", null, "url", vendor.baseUrl() + "/services/T000/B000/XXXX")));

        assertThat(outcome).isEqualTo(SendOutcome.delivered(200));
        LoggedRequest request = only();
        assertThat(request.getUrl()).isEqualTo("/services/T000/B000/XXXX");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"text":"nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)",
                 "blocks":[
                  {"type":"header","text":{"type":"plain_text","emoji":true,"text":":red_circle: nightly-backup is DOWN"}},
                  {"type":"section","fields":[
                    {"type":"mrkdwn","text":"*Reason*\\nno push arrived in time"},
                    {"type":"mrkdwn","text":"*Down since*\\n2026-11-23 20:37:59 UTC"},
                    {"type":"mrkdwn","text":"*Last message*\\nrsync exit &lt;23&gt;"}]},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"pushmon · monitor mon-1 · incident #7"}]}]}
                """));
    }

    @Test
    void slackRecoverySaysHowLongTheMonitorWasDown() throws Exception {
        await(new SlackSender(http).send(Channels.up(),
                Channels.channel("slack", null, "url", vendor.baseUrl() + "/services/T000/B000/XXXX")));

        var body = json(only().getBodyAsString());
        assertThat(body.get("text").asText()).isEqualTo(
                "nightly-backup is UP again: pushes arrived again (2026-11-23 21:40:04 UTC, down for 1h 2m 5s)");
        assertThat(body.at("/blocks/0/text/text").asText()).isEqualTo(":large_green_circle: nightly-backup is UP again");
        assertThat(body.at("/blocks/1/fields")).isEqualTo(json("""
                [{"type":"mrkdwn","text":"*Reason*\\npushes arrived again"},
                 {"type":"mrkdwn","text":"*Up since*\\n2026-11-23 21:40:04 UTC"},
                 {"type":"mrkdwn","text":"*Down for*\\n1h 2m 5s"},
                 {"type":"mrkdwn","text":"*Last message*\\nok"}]
                """));
    }

    @Test
    void discordGetsContentAndOneEmbedWithMentionsDisabled() throws Exception {
        DiscordSender sender = new DiscordSender(http);
        SendOutcome outcome = await(sender.send(Channels.down(),
                Channels.channel("discord", null, "url", vendor.baseUrl() + "/api/webhooks/123/tok")));

        assertThat(outcome).isEqualTo(SendOutcome.delivered(204));
        LoggedRequest request = only();
        assertThat(request.getUrl()).isEqualTo("/api/webhooks/123/tok");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"username":"pushmon",
                 "content":"nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)",
                 "embeds":[{"title":"nightly-backup is DOWN","color":14687834,
                   "fields":[{"name":"Reason","value":"no push arrived in time","inline":true},
                             {"name":"Down since","value":"2026-11-23 20:37:59 UTC","inline":true},
                             {"name":"Last message","value":"rsync exit <23>","inline":false}],
                   "timestamp":"2026-11-23T20:37:59Z","footer":{"text":"pushmon · incident #7"}}],
                 "allowed_mentions":{"parse":[]}}
                """));
    }

    @Test
    void discordRecoveryIsGreenAndCarriesTheOutage() throws Exception {
        await(new DiscordSender(http).send(Channels.up(),
                Channels.channel("discord", null, "url", vendor.baseUrl() + "/api/webhooks/123/tok")));

        var embed = json(only().getBodyAsString()).at("/embeds/0");
        assertThat(embed.get("title").asText()).isEqualTo("nightly-backup is UP again");
        assertThat(embed.get("color").asInt()).isEqualTo(DiscordSender.GREEN);
        assertThat(embed.at("/fields/2")).isEqualTo(json("""
                {"name":"Down for","value":"1h 2m 5s","inline":true}"""));
        assertThat(embed.get("timestamp").asText()).isEqualTo("2026-11-23T21:40:04Z");
    }

    @Test
    void teamsGetsAnAdaptiveCardInAMessageEnvelope() throws Exception {
        TeamsSender sender = new TeamsSender(http);
        SendOutcome outcome = await(sender.send(Channels.down(), Channels.channel("teams", null, "url",
                vendor.baseUrl() + "/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t")));

        assertThat(outcome).isEqualTo(SendOutcome.delivered(202));
        LoggedRequest request = only();
        assertThat(request.getUrl()).isEqualTo("/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t");
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json(request.getBodyAsString())).isEqualTo(json("""
                {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",
                 "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard",
                  "version":"1.4","body":[
                   {"type":"TextBlock","text":"nightly-backup is DOWN","size":"Large","weight":"Bolder",
                    "color":"Attention","wrap":true},
                   {"type":"FactSet","facts":[{"title":"Reason","value":"no push arrived in time"},
                     {"title":"Down since","value":"2026-11-23 20:37:59 UTC"},
                     {"title":"Last message","value":"rsync exit <23>"}]},
                   {"type":"TextBlock","text":"pushmon · monitor mon-1 · incident #7","isSubtle":true,
                    "size":"Small","wrap":true}],
                  "msteams":{"width":"Full"}}}]}
                """));
    }

    @Test
    void teamsRecoveryIsMarkedGoodAndListsTheOutage() throws Exception {
        await(new TeamsSender(http).send(Channels.up(), Channels.channel("teams", null, "url",
                vendor.baseUrl() + "/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t")));

        var card = json(only().getBodyAsString()).at("/attachments/0/content");
        assertThat(card.at("/body/0/color").asText()).isEqualTo("Good");
        assertThat(card.at("/body/0/text").asText()).isEqualTo("nightly-backup is UP again");
        assertThat(card.at("/body/1/facts/2")).isEqualTo(json("""
                {"title":"Down for","value":"1h 2m 5s"}"""));
    }

    @Test
    void slackListsTheMembersOfAGroupDownUnderOneHeader() throws Exception {
        SlackSender sender = new SlackSender(http);
        await(sender.send(Channels.notice(Channels.GROUP_DOWN),
                Channels.channel("slack", null, "url", vendor.baseUrl() + "/services/T000/B000/XXXX")));

        assertThat(json(only().getBodyAsString())).isEqualTo(json("""
                {"text":"7 of 12 monitors tagged eu-west are DOWN: eu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7",
                 "blocks":[
                  {"type":"header","text":{"type":"plain_text","emoji":true,
                    "text":":red_circle: 7 of 12 monitors tagged eu-west are DOWN"}},
                  {"type":"section","fields":[{"type":"mrkdwn","text":"*Down*\\n7 of 12"},
                    {"type":"mrkdwn","text":"*Monitors*\\neu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7"}]},
                  {"type":"context","elements":[{"type":"mrkdwn",
                    "text":"pushmon · group group:tenant-1:eu-west · incident #4"}]}]}
                """));
    }

    private static LoggedRequest only() {
        List<LoggedRequest> requests = vendor.findAll(postRequestedFor(anyUrl()));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
