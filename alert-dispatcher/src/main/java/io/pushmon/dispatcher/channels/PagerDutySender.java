package io.pushmon.dispatcher.channels;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;

/**
 * PagerDuty Events API v2: {@code trigger} on down, {@code acknowledge} on an acknowledgement, {@code resolve}
 * on recovery, all with the same {@code dedup_key} per monitor (or group) and incident so the recovery closes
 * exactly the alert the down opened, and a redelivered trigger or a group's later members join it instead of
 * opening a second one. Reminders are not sent: the open alert escalates in PagerDuty.
 */
@Singleton
public class PagerDutySender implements ChannelSender {

    /** PagerDuty's limit on {@code payload.summary}. */
    private static final int SUMMARY_MAX = 1024;

    private final ChannelHttp http;
    private final ChannelsConfig config;

    @Inject
    public PagerDutySender(ChannelHttp http, ChannelsConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        String routingKey = SenderSupport.setting(channel, "routingKey");
        if (routingKey == null) {
            return SenderSupport.missing(channel, "routingKey");
        }
        AlertText text = AlertText.of(notification);
        if (text.kind() == Notice.Kind.REMINDER && !notification.test()) {
            // The trigger of the incident is still open: PagerDuty's escalation policy re-notifies on its own.
            return CompletableFuture.completedFuture(SendOutcome.delivered(0));
        }
        String severity = SenderSupport.setting(channel, "severity");
        Map<String, Object> body = payload(routingKey, dedupKey(notification, channel),
                severity == null ? "critical" : severity.toLowerCase(Locale.ROOT), text);
        return http.postJson(config.pagerduty().eventsUrl(), body, Map.of(), List.of(routingKey), true);
    }

    /**
     * One alert per monitor (or group) and incident. A test gets its own key so it never merges with, or resolves,
     * a real incident of the same monitor.
     */
    static String dedupKey(Notification notification, ChannelDefinition channel) {
        MonitorEvent event = notification.event();
        return notification.test() ? "pushmon-test:" + channel.id() + ":" + event.eventId()
                : "pushmon:" + event.monitorId() + ":" + event.incident();
    }

    static Map<String, Object> payload(String routingKey, String dedupKey, String severity, AlertText text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", text.acknowledged() ? "acknowledge" : text.down() ? "trigger" : "resolve");
        body.put("dedup_key", dedupKey);
        if (!text.down()) {
            return body;
        }
        MonitorEvent event = text.event();
        Map<String, Object> details = new LinkedHashMap<>();
        if (text.grouped()) {
            details.put("group_id", event.monitorId());
            details.put("incident", event.incident());
            text.fields().forEach(f -> details.put(f.label().toLowerCase(Locale.ROOT).replace(' ', '_'), f.value()));
        } else {
            details.put("monitor_id", event.monitorId());
            details.put("incident", event.incident());
            details.put("reason", text.reason());
            details.put("last_message", text.lastMsg());
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("summary", SenderSupport.truncate(text.summary(), SUMMARY_MAX));
        payload.put("source", text.monitorName());
        payload.put("severity", text.test() ? "info" : severity);
        if (text.at() != null) {
            payload.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(text.at()));
        }
        payload.put("component", text.monitorName());
        payload.put("group", "pushmon");
        payload.put("class", text.grouped() ? "group" : event.reason() == null ? "down" : event.reason().wireName());
        payload.put("custom_details", details);
        body.put("payload", payload);
        body.put("client", "pushmon");
        return body;
    }
}
