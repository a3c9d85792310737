package io.pushmon.dispatcher.channels;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Slack incoming webhook ("Sending messages using incoming webhooks"): {@code text} as the notification
 * fallback plus Block Kit {@code blocks} (header, section fields, context).
 */
@Singleton
public class SlackSender extends IncomingWebhookSender {

    /** Slack's limits: header text 150 characters, section field text 2000. */
    private static final int HEADER_MAX = 150;
    private static final int FIELD_MAX = 2000;

    @Inject
    public SlackSender(ChannelHttp http) {
        super(http);
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    Map<String, Object> body(AlertText text) {
        return payload(text);
    }

    static Map<String, Object> payload(AlertText text) {
        String icon = text.acknowledged() ? ":eyes: " : text.down() ? ":red_circle: " : ":large_green_circle: ";
        List<Map<String, Object>> fields = text.fields().stream()
                .map(f -> Map.<String, Object>of("type", "mrkdwn", "text",
                        SenderSupport.truncate("*" + f.label() + "*\n" + SenderSupport.slack(f.value()), FIELD_MAX)))
                .toList();
        return Map.of(
                "text", SenderSupport.slack(text.summary()),
                "blocks", List.of(
                        Map.of("type", "header", "text", Map.of("type", "plain_text", "emoji", true,
                                "text", SenderSupport.truncate(icon + text.title(), HEADER_MAX))),
                        Map.of("type", "section", "fields", fields),
                        Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                                "text", SenderSupport.slack(text.footer()))))));
    }
}
