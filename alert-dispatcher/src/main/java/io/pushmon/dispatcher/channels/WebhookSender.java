package io.pushmon.dispatcher.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;
import io.pushmon.common.serde.Json;

/**
 * Generic webhook: a JSON POST signed with the channel's secret. The body and headers are documented in
 * CHANNELS.md; receivers verify {@value #SIGNATURE} over {@code <timestamp>.<body>}.
 */
@Singleton
public class WebhookSender implements ChannelSender {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String EVENT = "X-Pushmon-Event";
    static final String ATTEMPT = "X-Pushmon-Attempt";
    static final String TIMESTAMP = "X-Pushmon-Timestamp";
    static final String SIGNATURE = "X-Pushmon-Signature";

    private final ChannelHttp http;
    private final Clock clock;

    @Inject
    public WebhookSender(ChannelHttp http) {
        this(http, Clock.systemUTC());
    }

    WebhookSender(ChannelHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public CompletionStage<SendOutcome> send(Notification notification, ChannelDefinition channel) {
        String url = SenderSupport.setting(channel, "url");
        if (url == null) {
            return SenderSupport.missing(channel, "url");
        }
        if (channel.secret() == null || channel.secret().isEmpty()) {
            return SenderSupport.missing(channel, "signing secret");
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(payload(notification, channel));
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(SendOutcome.permanent(0, "payload could not be serialized"));
        }
        // The receiver rejects old timestamps, so each attempt is signed afresh with the time it is sent.
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(IDEMPOTENCY_KEY, notification.idempotencyKey());
        headers.put(EVENT, eventType(notification));
        headers.put(ATTEMPT, Integer.toString(notification.attempt()));
        headers.put(TIMESTAMP, timestamp);
        headers.put(SIGNATURE, "v1=" + sign(channel.secret(), timestamp, body));
        return http.post(new HttpPost(url, "application/json", body, headers, List.of(channel.secret()), false));
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>} keyed with the channel secret's UTF-8 bytes. */
    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JRE", e);
        }
    }

    /** {@code monitor.down} and {@code monitor.up} as always; the other notices name their own kind. */
    static String eventType(Notification notification) {
        return switch (AlertText.of(notification).kind()) {
            case DOWN -> "monitor.down";
            case UP -> "monitor.up";
            case REMINDER -> "monitor.reminder";
            case ACKNOWLEDGED -> "monitor.acknowledged";
            case GROUP_DOWN -> "group.down";
            case GROUP_JOINED -> "group.joined";
            case GROUP_UP -> "group.up";
            case STORM_HELD -> "storm.held";
            case STORM_CLEARED -> "storm.cleared";
        };
    }

    private static Map<String, Object> payload(Notification notification, ChannelDefinition channel) {
        MonitorEvent event = notification.event();
        AlertText text = AlertText.of(notification);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", eventType(notification));
        body.put("test", notification.test());
        body.put("idempotencyKey", notification.idempotencyKey());
        body.put("eventId", event.eventId());
        body.put("monitorId", event.monitorId());
        body.put("monitorName", event.monitorName());
        body.put("from", event.from());
        body.put("to", event.to());
        body.put("reason", event.reason());
        body.put("at", event.at());
        body.put("incident", event.incident());
        body.put("downSince", event.downSince());
        body.put("outageSeconds", text.outage() == null ? null : text.outage().getSeconds());
        body.put("lastHeartbeatAt", event.lastHeartbeatAt());
        body.put("lastMsg", event.lastMsg());
        body.put("lastValue", event.lastValue());
        body.put("summary", text.summary());
        if (event.notice() != null) {
            body.put("notice", notice(event.notice()));
        }
        Map<String, Object> channelInfo = new LinkedHashMap<>();
        channelInfo.put("id", channel.id());
        channelInfo.put("name", channel.name());
        body.put("channel", channelInfo);
        return body;
    }

    private static Map<String, Object> notice(Notice notice) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", notice.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (notice.kind() == Notice.Kind.REMINDER) {
            out.put("reminder", notice.reminder());
        }
        out.put("acknowledgedBy", notice.acknowledgedBy());
        Notice.Group group = notice.group();
        if (group != null) {
            Map<String, Object> groupInfo = new LinkedHashMap<>();
            groupInfo.put("key", group.key());
            groupInfo.put("label", group.label());
            groupInfo.put("down", group.down());
            groupInfo.put("total", group.total());
            groupInfo.put("members", group.members());
            groupInfo.put("joined", group.joined());
            out.put("group", groupInfo);
        }
        return out;
    }
}
