package io.pushmon.dispatcher.channels;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Discord "Execute Webhook": a short {@code content} line and one embed with the details. Mentions are
 * disabled so a push msg containing {@code @everyone} cannot ping a whole server.
 */
@Singleton
public class DiscordSender extends IncomingWebhookSender {

    static final int RED = 0xE01E5A;
    static final int GREEN = 0x2EB67D;
    static final int AMBER = 0xECB22E;
    /** Discord's limits: embed title 256 characters, field value 1024. */
    private static final int TITLE_MAX = 256;
    private static final int FIELD_MAX = 1024;

    @Inject
    public DiscordSender(ChannelHttp http) {
        super(http);
    }

    @Override
    public String type() {
        return "discord";
    }

    @Override
    Map<String, Object> body(AlertText text) {
        return payload(text);
    }

    static Map<String, Object> payload(AlertText text) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", SenderSupport.truncate(text.title(), TITLE_MAX));
        embed.put("color", text.acknowledged() ? AMBER : text.down() ? RED : GREEN);
        embed.put("fields", text.fields().stream()
                .map(f -> Map.of("name", f.label(), "value", SenderSupport.truncate(f.value(), FIELD_MAX),
                        "inline", !f.label().equals("Last message")))
                .toList());
        if (text.at() != null) {
            embed.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(text.at()));
        }
        embed.put("footer", Map.of("text", "pushmon · incident #" + text.event().incident()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", "pushmon");
        body.put("content", SenderSupport.truncate(text.summary(), 2000));
        body.put("embeds", List.of(embed));
        body.put("allowed_mentions", Map.of("parse", List.of()));
        return body;
    }
}
