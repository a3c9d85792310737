package io.pushmon.dispatcher.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.ChannelDefinition;

/** Telegram Bot API {@code sendMessage} with {@code parse_mode=HTML}. */
@Singleton
public class TelegramSender implements ChannelSender {

    private final ChannelHttp http;
    private final ChannelsConfig config;

    @Inject
    public TelegramSender(ChannelHttp http, ChannelsConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        String token = SenderSupport.setting(channel, "botToken");
        if (token == null) {
            return SenderSupport.missing(channel, "botToken");
        }
        String chatId = SenderSupport.setting(channel, "chatId");
        if (chatId == null) {
            return SenderSupport.missing(channel, "chatId");
        }
        String base = config.telegram().apiBaseUrl().replaceAll("/+$", "");
        // The Bot API host is the operator's choice, not the tenant's: it is trusted, the token is not shown.
        return http.postJson(base + "/bot" + token + "/sendMessage", payload(chatId, AlertText.of(notification)),
                Map.of(), List.of(token), true);
    }

    static Map<String, Object> payload(String chatId, AlertText text) {
        StringBuilder html = new StringBuilder()
                .append(text.acknowledged() ? "👀 " : text.down() ? "🔴 " : "✅ ")
                .append("<b>").append(SenderSupport.html(text.title())).append("</b>\n");
        text.fields().forEach(f -> html.append("<b>").append(SenderSupport.html(f.label())).append(":</b> ")
                .append(SenderSupport.html(f.value())).append('\n'));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", html.toString());
        body.put("parse_mode", "HTML");
        body.put("link_preview_options", Map.of("is_disabled", true));
        return body;
    }
}
