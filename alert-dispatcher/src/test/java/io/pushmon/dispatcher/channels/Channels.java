package io.pushmon.dispatcher.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.Notice;
import io.pushmon.common.serde.Json;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Fixtures for the channel tests: configuration without booting Quarkus, and one down and one recovery. */
final class Channels {

    static final Instant DOWN_AT = Instant.parse("2026-11-23T20:37:59Z");
    static final Instant UP_AT = Instant.parse("2026-11-23T21:40:04Z");

    static final MonitorEvent DOWN = new MonitorEvent("evt-1", "mon-1", "tenant-1", "nightly-backup",
            MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, DOWN_AT, 7, null,
            Instant.parse("2026-11-23T20:32:59Z"), "rsync exit <23>", 23.0, List.of("ch-1"));
    static final MonitorEvent UP = new MonitorEvent("evt-2", "mon-1", "tenant-1", "nightly-backup",
            MonitorStatus.DOWN, MonitorStatus.UP, EventReason.RECOVERED, UP_AT, 7, DOWN_AT, UP_AT, "ok", 0.0,
            List.of("ch-1"));

    static final Notice.Group EU_WEST = new Notice.Group("eu-west", "monitors tagged eu-west", 7, 12,
            members(7), List.of());
    static final MonitorEvent GROUP_DOWN = new MonitorEvent("alert-3", "group:tenant-1:eu-west", "tenant-1",
            "monitors tagged eu-west", MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, DOWN_AT, 4, null,
            null, null, null, List.of("ch-1"), new Notice(Notice.Kind.GROUP_DOWN, 0, null, EU_WEST));
    static final MonitorEvent ACKNOWLEDGED = DOWN.asAlert("alert-4",
            new Notice(Notice.Kind.ACKNOWLEDGED, 0, "alice@example.com", null), List.of("ch-1"));

    private Channels() {
    }

    /** {@code count} members of eu-west, down one minute after another from {@link #DOWN_AT}. */
    static List<Notice.Member> members(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Notice.Member("mon-eu-" + i, "eu-" + i, DOWN_AT.plusSeconds(60L * (i - 1)), null))
                .toList();
    }

    static Notification notice(MonitorEvent alert) {
        return new Notification(alert, alert.monitorId() + ":" + alert.incident() + ":"
                + alert.notice().transition() + ":ch-1", 1, false);
    }

    /** The real mapping with its defaults, loopback allowed so the senders can reach the local fakes. */
    static ChannelsConfig config(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("pushmon.channels.allow-loopback", "true");
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withMapping(ChannelsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(props, "channel-test", 500))
                .build()
                .getConfigMapping(ChannelsConfig.class);
    }

    static Notification down() {
        return new Notification(DOWN, "mon-1:7:down:ch-1", 1, false);
    }

    static Notification up() {
        return new Notification(UP, "mon-1:7:up:ch-1", 1, false);
    }

    static ChannelDefinition channel(String type, String secret, String... settings) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new ChannelDefinition("ch-1", "tenant-1", "ops", type, map, secret, DOWN_AT, DOWN_AT);
    }

    static SendOutcome await(CompletionStage<SendOutcome> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }
}
