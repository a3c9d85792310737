package io.pushmon.common.channels;

/** What a channel setting's value must look like; {@link ChannelSettings} checks it. */
public enum SettingFormat {
    /** An absolute http or https URL with a host. */
    HTTP_URL,
    /** One or more email addresses separated by commas. */
    EMAIL_LIST,
    /** A Telegram bot token as BotFather hands it out: {@code <digits>:<key>}. */
    TELEGRAM_BOT_TOKEN,
    /** A Telegram chat id (a possibly negative integer) or a public {@code @channelname}. */
    TELEGRAM_CHAT_ID,
    /** An ntfy topic name: letters, digits, {@code -} and {@code _}. */
    NTFY_TOPIC,
    /** A PagerDuty Events API v2 integration (routing) key: 32 characters. */
    PAGERDUTY_ROUTING_KEY,
    /** One of PagerDuty's severities: critical, error, warning, info. */
    PAGERDUTY_SEVERITY,
    /** Any non-blank text. */
    TEXT
}
