package io.pushmon.dispatcher.channels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.ChannelDefinition;

/**
 * ntfy, "Publish as JSON": a POST of {topic, title, message, priority, tags} to the server's root. JSON rather
 * than the Title/Priority/Tags headers because header values cannot carry a monitor name in any script.
 */
@Singleton
public class NtfySender implements ChannelSender {

    /** ntfy priorities: 5 is "max/urgent" (long vibration, pop-over), 3 the default. */
    static final int DOWN_PRIORITY = 5;
    static final int UP_PRIORITY = 3;

    private final ChannelHttp http;
    private final ChannelsConfig config;

    @Inject
    public NtfySender(ChannelHttp http, ChannelsConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String type() {
        return "ntfy";
    }

    @Override
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        String topic = SenderSupport.setting(channel, "topic");
        if (topic == null) {
            return SenderSupport.missing(channel, "topic");
        }
        String server = SenderSupport.setting(channel, "server");
        // A server the tenant named goes through the SSRF guard; the operator's default does not.
        boolean trusted = server == null;
        String base = (trusted ? config.ntfy().defaultServer() : server).replaceAll("/+$", "");
        String token = SenderSupport.setting(channel, "token");
        List<String> secrets = new ArrayList<>(List.of(topic));
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
            secrets.add(token);
        }
        return http.postJson(base + "/", payload(topic, AlertText.of(notification)), headers, secrets, trusted);
    }

    static Map<String, Object> payload(String topic, AlertText text) {
        StringBuilder message = new StringBuilder();
        text.fields().forEach(f -> message.append(f.label()).append(": ").append(f.value()).append('\n'));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        body.put("title", text.title());
        body.put("message", message.toString().strip());
        body.put("priority", text.down() && !text.test() ? DOWN_PRIORITY : UP_PRIORITY);
        body.put("tags", List.of(text.acknowledged() ? "eyes" : text.down() ? "rotating_light" : "white_check_mark",
                "pushmon"));
        return body;
    }
}
