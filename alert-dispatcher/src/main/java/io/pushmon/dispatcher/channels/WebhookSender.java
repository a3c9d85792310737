package io.pushmon.dispatcher.channels;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static String eventType(Notification notification) {
        return notification.event().isDown() ? "monitor.down" : "monitor.up";
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
        Map<String, Object> channelInfo = new LinkedHashMap<>();
        channelInfo.put("id", channel.id());
        channelInfo.put("name", channel.name());
        body.put("channel", channelInfo);
        return body;
    }
}
