package io.pushmon.common.channels;

import static io.pushmon.common.channels.SettingSpec.optional;
import static io.pushmon.common.channels.SettingSpec.required;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of notification channel pushmon can deliver to, with the settings each one takes. The gateway
 * validates and masks channel definitions with it; the dispatcher has one sender per kind.
 */
public enum ChannelKind {
    /** A signed JSON POST to the owner's URL; the channel's signing secret lives in {@code ChannelDefinition.secret}. */
    WEBHOOK("webhook", true, required("url", SettingFormat.HTTP_URL, true)),
    /** Slack incoming webhook; the URL itself is the credential. */
    SLACK("slack", false, required("url", SettingFormat.HTTP_URL, true)),
    /** Discord channel webhook; the URL carries the webhook token. */
    DISCORD("discord", false, required("url", SettingFormat.HTTP_URL, true)),
    /** Microsoft Teams Workflows webhook (or a legacy incoming webhook); the URL carries its signature. */
    TEAMS("teams", false, required("url", SettingFormat.HTTP_URL, true)),
    /** Telegram Bot API sendMessage. */
    TELEGRAM("telegram", false,
            required("botToken", SettingFormat.TELEGRAM_BOT_TOKEN, true),
            required("chatId", SettingFormat.TELEGRAM_CHAT_ID, false)),
    /**
     * ntfy publish. On a public server anyone who knows the topic can read it, so the topic is treated as a
     * secret; {@code server} defaults to the dispatcher's configured server.
     */
    NTFY("ntfy", false,
            required("topic", SettingFormat.NTFY_TOPIC, true),
            optional("server", SettingFormat.HTTP_URL, false),
            optional("token", SettingFormat.TEXT, true)),
    /** PagerDuty Events API v2. */
    PAGERDUTY("pagerduty", false,
            required("routingKey", SettingFormat.PAGERDUTY_ROUTING_KEY, true),
            optional("severity", SettingFormat.PAGERDUTY_SEVERITY, false)),
    /** Email over the dispatcher's SMTP server. */
    EMAIL("email", false, required("to", SettingFormat.EMAIL_LIST, false));

    private final String wireName;
    private final boolean signed;
    private final List<SettingSpec> settings;

    ChannelKind(String wireName, boolean signed, SettingSpec... settings) {
        this.wireName = wireName;
        this.signed = signed;
        this.settings = List.of(settings);
    }

    /** The value of {@code ChannelDefinition.type}. */
    public String wireName() {
        return wireName;
    }

    /** True when the channel needs a signing secret, generated at creation and shown once. */
    public boolean signed() {
        return signed;
    }

    /** Every setting this kind takes, required ones first. */
    public List<SettingSpec> settings() {
        return settings;
    }

    public Optional<SettingSpec> setting(String name) {
        return settings.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static Optional<ChannelKind> fromWire(String type) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(type)).findFirst();
    }

    /** The wire names, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(ChannelKind::wireName).collect(Collectors.joining(", "));
    }
}
