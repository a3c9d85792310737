package io.pushmon.gateway.ui;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.serde.Json;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.channels.ChannelService;
import io.pushmon.gateway.incidents.Incident;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.incidents.Uptime;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.monitors.MonitorView;
import io.pushmon.gateway.status.LiveStateReader;
import io.pushmon.gateway.status.LiveStatusResource;

/**
 * Everything the monitor page shows. The history reads go through the API's own resource, so the page shows
 * exactly what the API would (the plan's retention, the owner check) and says so when a service cannot answer.
 */
@ApplicationScoped
public class MonitorPageModel {

    /** A signal as the history shows it. */
    public record Signal(long seq, Instant at, String status, String msg, Double value, Integer exitStatus,
            String rid, Long durationMillis, int bodySize) {

        public String atText() {
            return Formats.utc(at);
        }

        public String duration() {
            return Formats.millis(durationMillis);
        }
    }

    /** One delivery of an event to a channel, with every attempt. */
    public record Delivery(String channelId, String channelType, String eventId, String transition, int attempts,
            String outcome, String lastError, Instant at, List<Attempt> attemptLog) {

        public String atText() {
            return Formats.utc(at);
        }
    }

    /** One attempt of a delivery. */
    public record Attempt(int attempt, Instant at, String outcome, int statusCode, String error, long durationMs) {

        public String atText() {
            return Formats.utc(at);
        }
    }

    /** An incident as the timeline shows it. */
    public record TimelineEntry(long number, Instant downAt, Instant upAt, String reason, String message) {

        public String downText() {
            return Formats.utc(downAt);
        }

        public String upText() {
            return upAt == null ? "still down" : Formats.utc(upAt);
        }

        public String length() {
            return Formats.span(Duration.between(downAt, upAt == null ? Instant.now() : upAt));
        }
    }

    /** A channel of the tenant, and whether this monitor notifies it. */
    public record ChannelChoice(String id, String name, String type, boolean attached) {
    }

    /** The uptime of one period. */
    public record Period(String label, String uptime) {
    }

    /** The whole page. A null list means its service could not answer just now. */
    public record Page(MonitorView monitor, List<ChannelChoice> channels, List<Signal> signals,
            List<TimelineEntry> timeline, List<Delivery> deliveries, List<Period> uptime, String bar, String chart,
            String chartOf, List<Snippets.Snippet> snippets) {

        public List<ChannelChoice> attached() {
            return channels.stream().filter(ChannelChoice::attached).toList();
        }

        public String channelName(String channelId) {
            return channels.stream().filter(c -> c.id().equals(channelId)).map(ChannelChoice::name).findFirst()
                    .orElse("(deleted channel)");
        }

        public String tagsText() {
            return String.join(", ", monitor.tags() == null ? List.of() : monitor.tags());
        }
    }

    private static final TypeReference<List<Signal>> SIGNALS = new TypeReference<>() {
    };
    private static final TypeReference<List<Delivery>> DELIVERIES = new TypeReference<>() {
    };

    private final MonitorService monitors;
    private final ChannelService channels;
    private final LiveStateReader liveStates;
    private final LiveStatusResource history;
    private final IncidentLog incidents;
    private final GatewayConfig config;

    @Inject
    public MonitorPageModel(MonitorService monitors, ChannelService channels, LiveStateReader liveStates,
            LiveStatusResource history, IncidentLog incidents, GatewayConfig config) {
        this.monitors = monitors;
        this.channels = channels;
        this.liveStates = liveStates;
        this.history = history;
        this.incidents = incidents;
        this.config = config;
    }

    /**
     * The deliveries of one of the caller's monitors, newest first; null when the dispatcher cannot answer. The
     * history resource checks that the monitor is the caller's.
     */
    public List<Delivery> deliveries(String monitorId) {
        return read(history.notifications(monitorId), DELIVERIES);
    }

    /** The definition alone, for the edit form. */
    public MonitorView definition(String tenantId, String id, boolean withToken) {
        return MonitorView.of(monitors.get(tenantId, id), config.publicUrl(), withToken, Instant.now());
    }

    public List<ChannelChoice> channelChoices(String tenantId, List<String> attached) {
        Set<String> on = Set.copyOf(attached);
        return channels.list(tenantId).stream()
                .map(c -> new ChannelChoice(c.id(), c.name(), c.type(), on.contains(c.id()))).toList();
    }

    public Page build(String tenantId, String id, boolean withToken) {
        MonitorDefinition definition = monitors.get(tenantId, id);
        Instant now = Instant.now();
        MonitorView view = MonitorView.of(definition, config.publicUrl(), withToken, now)
                .withLiveState(liveStates.read(definition.id()));
        List<Signal> signals = read(history.heartbeats(id), SIGNALS);
        List<Delivery> deliveries = read(history.notifications(id), DELIVERIES);
        List<Incident> past = incidents.incidents(definition.id());
        List<TimelineEntry> timeline = past.stream()
                .sorted(Comparator.comparing(Incident::downAt).reversed())
                .map(i -> new TimelineEntry(i.number(), i.downAt(), i.upAt(),
                        i.reason() == null ? "down" : i.reason().wireName(), i.message()))
                .toList();
        List<Period> uptime = List.of(period("24 hours", past, definition, Duration.ofDays(1), now),
                period("7 days", past, definition, Duration.ofDays(7), now),
                period("30 days", past, definition, Duration.ofDays(30), now),
                period("90 days", past, definition, Duration.ofDays(90), now));
        String bar = Svg.uptimeBar(Uptime.days(past, definition.createdAt(), OverviewModel.BAR_DAYS, now),
                "90-day uptime " + uptime.get(3).uptime());
        String chartOf = "";
        String chart = "";
        if (signals != null) {
            List<Svg.TimePoint> values = points(signals, Signal::value);
            List<Svg.TimePoint> durations = points(signals, s -> s.durationMillis() == null ? null
                    : s.durationMillis() / 1000.0);
            if (values.size() >= 2) {
                chartOf = "Value";
                chart = Svg.chart(values, "Value of the last " + values.size() + " signals", "");
            } else if (durations.size() >= 2) {
                chartOf = "Run duration (s)";
                chart = Svg.chart(durations, "Duration of the last " + durations.size() + " runs, in seconds", "s");
            }
        }
        List<Snippets.Snippet> snippets = withToken ? Snippets.forUrl(view.pushUrl(), view.pingUrl()) : List.of();
        List<ChannelChoice> choices = channelChoices(tenantId, definition.channelIds());
        return new Page(view, choices, signals, timeline, deliveries, uptime, bar, chart, chartOf, snippets);
    }

    private static Period period(String label, List<Incident> past, MonitorDefinition monitor, Duration length,
            Instant now) {
        return new Period(label, Formats.percent(Uptime.ratio(past, monitor.createdAt(), now.minus(length), now, now)));
    }

    private static List<Svg.TimePoint> points(List<Signal> newestFirst, Function<Signal, Double> value) {
        List<Svg.TimePoint> points = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Double v = value.apply(newestFirst.get(i));
            if (v != null && Double.isFinite(v)) {
                points.add(new Svg.TimePoint(newestFirst.get(i).at(), v));
            }
        }
        return points;
    }

    private static <T> List<T> read(Response answer, TypeReference<List<T>> type) {
        if (answer.getStatus() != 200 || !(answer.getEntity() instanceof String body)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            return null;
        }
    }
}
