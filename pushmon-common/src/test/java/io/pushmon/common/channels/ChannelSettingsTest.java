package io.pushmon.common.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ChannelSettingsTest {

    private static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final String ROUTING_KEY = "R0123456789abcdef0123456789abcde";

    @Test
    void aCompleteChannelOfEveryKindHasNoProblems() {
        assertThat(ChannelSettings.validate("webhook", Map.of("url", "https://example.org/hook"))).isEmpty();
        assertThat(ChannelSettings.validate("slack", Map.of("url", "https://hooks.slack.com/services/T0/B0/x"))).isEmpty();
        assertThat(ChannelSettings.validate("discord", Map.of("url", "https://discord.com/api/webhooks/1/t"))).isEmpty();
        assertThat(ChannelSettings.validate("teams", Map.of("url", "https://prod.westeurope.logic.azure.com/wf"))).isEmpty();
        assertThat(ChannelSettings.validate("telegram", Map.of("botToken", BOT_TOKEN, "chatId", "-1001234567890")))
                .isEmpty();
        assertThat(ChannelSettings.validate("telegram", Map.of("botToken", BOT_TOKEN, "chatId", "@ops_alerts")))
                .isEmpty();
        assertThat(ChannelSettings.validate("ntfy", Map.of("topic", "ops-alerts_42", "server", "https://ntfy.example",
                "token", "tk_abc"))).isEmpty();
        assertThat(ChannelSettings.validate("pagerduty", Map.of("routingKey", ROUTING_KEY, "severity", "warning")))
                .isEmpty();
        assertThat(ChannelSettings.validate("email", Map.of("to", "ops@example.org, oncall@example.org"))).isEmpty();
    }

    @Test
    void anUnknownTypeNamesTheKnownOnes() {
        assertThat(ChannelSettings.validate("carrier-pigeon", Map.of()))
                .containsExactly("unknown channel type 'carrier-pigeon'; one of: "
                        + "webhook, slack, discord, teams, telegram, ntfy, pagerduty, email");
        assertThat(ChannelSettings.validate(null, Map.of())).singleElement().asString().startsWith("type is required");
    }

    @Test
    void missingRequiredSettingsAreEachReported() {
        assertThat(ChannelSettings.validate("telegram", Map.of("chatId", " ")))
                .containsExactly("botToken is required for a telegram channel",
                        "chatId is required for a telegram channel");
    }

    @Test
    void unknownSettingsAreReportedWithTheOnesTheKindTakes() {
        assertThat(ChannelSettings.validate("slack", Map.of("url", "https://hooks.slack.com/x", "channel", "#ops")))
                .containsExactly("unknown setting 'channel' for a slack channel; it takes: url");
    }

    @Test
    void urlsMustBeHttpWithAHostAndNoUserInfo() {
        assertThat(ChannelSettings.validate("webhook", Map.of("url", "ftp://example.org/x")))
                .containsExactly("url must be an http or https URL");
        assertThat(ChannelSettings.validate("webhook", Map.of("url", "file:///etc/passwd")))
                .containsExactly("url must be an http or https URL");
        assertThat(ChannelSettings.validate("webhook", Map.of("url", "https:///nohost")))
                .containsExactly("url must name a host");
        assertThat(ChannelSettings.validate("webhook", Map.of("url", "https://u:p@example.org/")))
                .singleElement().asString().contains("user:password@");
        assertThat(ChannelSettings.validate("webhook", Map.of("url", "https://exa mple.org/")))
                .containsExactly("url is not a valid URL");
    }

    @Test
    void kindSpecificFormatsAreChecked() {
        assertThat(ChannelSettings.validate("telegram", Map.of("botToken", "nope", "chatId", "ops")))
                .containsExactly("botToken does not look like a Telegram bot token (<digits>:<key> from BotFather)",
                        "chatId must be a numeric chat id or a @channelname");
        assertThat(ChannelSettings.validate("ntfy", Map.of("topic", "a/b")))
                .containsExactly("topic must be 1 to 64 letters, digits, '-' or '_'");
        assertThat(ChannelSettings.validate("pagerduty", Map.of("routingKey", "short", "severity", "fatal")))
                .containsExactly(
                        "routingKey must be the 32-character integration key of an Events API v2 integration",
                        "severity must be one of critical, error, warning, info");
        assertThat(ChannelSettings.validate("email", Map.of("to", "ops@example.org, not-an-address")))
                .containsExactly("to has invalid email address(es): not-an-address");
        assertThat(ChannelSettings.validate("email", Map.of("to", " , ")))
                .containsExactly("to must list at least one email address");
    }

    @Test
    void problemsNeverRepeatASecretValue() {
        String secretish = "9999:short";
        assertThat(ChannelSettings.validate("telegram", Map.of("botToken", secretish, "chatId", "1")))
                .allSatisfy(problem -> assertThat(problem).doesNotContain(secretish));
    }

    @Test
    void maskingHidesSecretsAndKeepsTheRest() {
        Map<String, String> masked = ChannelSettings.masked("telegram",
                Map.of("botToken", BOT_TOKEN, "chatId", "-100123"));
        assertThat(masked).containsEntry("chatId", "-100123").containsEntry("botToken", "***Dsaw");

        assertThat(ChannelSettings.masked("slack", Map.of("url", "https://hooks.slack.com/services/T0/B0/secret")))
                .containsExactly(Map.entry("url", "https://hooks.slack.com/***"));
        assertThat(ChannelSettings.masked("ntfy", Map.of("topic", "short")))
                .containsExactly(Map.entry("topic", "***"));
    }

    @Test
    void everyKindDeclaresItsSecretsAndOnlyWebhooksAreSigned() {
        assertThat(ChannelKind.values()).filteredOn(ChannelKind::signed).containsExactly(ChannelKind.WEBHOOK);
        assertThat(ChannelKind.PAGERDUTY.setting("routingKey")).get().extracting(SettingSpec::secret).isEqualTo(true);
        assertThat(ChannelKind.EMAIL.setting("to")).get().extracting(SettingSpec::secret).isEqualTo(false);
        assertThat(ChannelKind.fromWire("teams")).contains(ChannelKind.TEAMS);
    }
}
