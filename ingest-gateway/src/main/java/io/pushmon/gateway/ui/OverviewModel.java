package io.pushmon.gateway.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.schedule.Schedules;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.incidents.Uptime;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.status.LiveStateReader;

/**
 * Builds the overview of a tenant: its monitors from the gateway's cache, their live states from the processor
 * in one read, their uptime from the incident log. This is the cost of the page; the template only prints it.
 */
@ApplicationScoped
public class OverviewModel {

    /** Days in the overview's uptime bar. */
    static final int BAR_DAYS = 90;
    /** Recent signals in a row's sparkline. */
    static final int SPARK_POINTS = 20;
    private static final int DESCRIPTIONS_KEPT = 10_000;

    private final MonitorService monitors;
    private final LiveStateReader liveStates;
    private final IncidentLog incidents;
    /** Cron descriptions by expression and zone: a thousand cron monitors share a handful of schedules. */
    private final Map<CronSchedule, String> descriptions = new ConcurrentHashMap<>();

    @Inject
    public OverviewModel(MonitorService monitors, LiveStateReader liveStates, IncidentLog incidents) {
        this.monitors = monitors;
        this.liveStates = liveStates;
        this.incidents = incidents;
    }

    public Overview build(String tenantId, String status, String tag, String query) {
        String wantedStatus = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        String wantedTag = tag == null ? "" : tag.trim().toLowerCase(Locale.ROOT);
        String search = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        List<MonitorDefinition> all = monitors.list(tenantId);
        Optional<MonitorStates> read = liveStates.readAll(all.stream().map(MonitorDefinition::id).toList(),
                SPARK_POINTS);
        Map<String, MonitorLiveState> states = new HashMap<>();
        read.ifPresent(answer -> answer.states().forEach(state -> states.put(state.monitorId(), state)));
        Set<String> unknown = read.map(answer -> Set.copyOf(answer.unknown())).orElse(Set.of());
        Instant now = Instant.now();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> tags = new TreeSet<>();
        List<OverviewRow> rows = new ArrayList<>();
        for (MonitorDefinition monitor : all) {
            MonitorLiveState state = states.get(monitor.id());
            String shown = statusOf(monitor, state, unknown.contains(monitor.id()));
            counts.merge(shown, 1, Integer::sum);
            List<String> monitorTags = monitor.tags();
            tags.addAll(monitorTags);
            if (!wantedStatus.isEmpty() && !wantedStatus.equals(shown)
                    || !wantedTag.isEmpty() && !monitorTags.contains(wantedTag)
                    || !search.isEmpty() && !monitor.name().toLowerCase(Locale.ROOT).contains(search)) {
                continue;
            }
            rows.add(row(monitor, state, shown, read.map(a -> a.pointsOf(monitor.id())).orElse(List.of()), now));
        }
        rows.sort(Comparator.comparingInt(OverviewRow::rank).thenComparing(OverviewRow::name,
                String.CASE_INSENSITIVE_ORDER));
        boolean partial = read.isEmpty() || !read.get().unavailable().isEmpty();
        return new Overview(rows, all.size(), counts, List.copyOf(tags), wantedStatus, wantedTag, search, partial);
    }

    /** What the dashboard shows as a monitor's status: the owner's pause wins over what the processor last knew. */
    static String statusOf(MonitorDefinition monitor, MonitorLiveState state, boolean neverSeen) {
        if (monitor.inactive()) {
            return "paused";
        }
        if (state != null) {
            return state.status().wireName();
        }
        return neverSeen ? "new" : "unknown";
    }

    private OverviewRow row(MonitorDefinition monitor, MonitorLiveState state, String status,
            List<MonitorStates.Point> points, Instant now) {
        var history = incidents.incidents(monitor.id());
        double uptime = Uptime.ratio(history, monitor.createdAt(), now.minus(IncidentLog.WINDOW), now, now);
        String uptimeText = Formats.percent(uptime);
        String bar = Svg.uptimeBar(Uptime.days(history, monitor.createdAt(), BAR_DAYS, now),
                "90-day uptime " + uptimeText);
        return new OverviewRow(monitor.id(), monitor.name(), status, state == null ? null : state.lastHeartbeatAt(),
                state == null || monitor.inactive() ? null : state.nextDeadlineAt(),
                state == null ? null : state.lastMsg(), schedule(monitor), monitor.tags(), bar, uptimeText,
                sparkline(points));
    }

    /** Values where the job sends them, else run durations; nothing when the signals carry neither. */
    private static String sparkline(List<MonitorStates.Point> newestFirst) {
        List<MonitorStates.Point> values = newestFirst.stream().filter(p -> p.value() != null).toList();
        if (values.size() >= 2) {
            return Svg.sparkline(values, MonitorStates.Point::value, "last " + values.size() + " values");
        }
        List<MonitorStates.Point> durations = newestFirst.stream().filter(p -> p.durationMillis() != null).toList();
        return Svg.sparkline(durations, p -> p.durationMillis(), "last " + durations.size() + " run durations");
    }

    private String schedule(MonitorDefinition monitor) {
        CronSchedule cron = monitor.cron();
        if (cron == null) {
            return "every " + Formats.span(Duration.ofSeconds(monitor.timeoutSeconds()));
        }
        String known = descriptions.get(cron);
        if (known != null) {
            return known;
        }
        String description = Schedules.describe(cron);
        if (descriptions.size() < DESCRIPTIONS_KEPT) {
            descriptions.put(cron, description);
        }
        return description;
    }
}
