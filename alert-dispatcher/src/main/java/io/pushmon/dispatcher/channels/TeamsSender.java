package io.pushmon.dispatcher.channels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Microsoft Teams: an Adaptive Card in a message envelope, the format Microsoft documents for Workflows
 * ("Post to a channel when a webhook request is received") and that the retiring Office 365 connector
 * incoming webhooks also accept. MessageCard is connector-only, so it is not used.
 */
@Singleton
public class TeamsSender extends IncomingWebhookSender {

    @Inject
    public TeamsSender(ChannelHttp http) {
        super(http);
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    Map<String, Object> body(AlertText text) {
        return payload(text);
    }

    static Map<String, Object> payload(AlertText text) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", List.of(
                Map.of("type", "TextBlock", "text", text.title(), "size", "Large", "weight", "Bolder",
                        "color", text.acknowledged() ? "Warning" : text.down() ? "Attention" : "Good", "wrap", true),
                Map.of("type", "FactSet", "facts", text.fields().stream()
                        .map(f -> Map.of("title", f.label(), "value", f.value())).toList()),
                Map.of("type", "TextBlock", "text", text.footer(), "isSubtle", true, "size", "Small",
                        "wrap", true)));
        card.put("msteams", Map.of("width", "Full"));
        return Map.of("type", "message", "attachments", List.of(Map.of(
                "contentType", "application/vnd.microsoft.card.adaptive",
                "content", card)));
    }
}
