package io.pushmon.gateway.monitormetrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.badges.Badges;
import io.pushmon.gateway.incidents.CurrentStatus;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.status.LiveStateReader;
import io.pushmon.gateway.tenants.CallerTenant;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/metrics}: the caller's tenant's monitors for its own Prometheus, as Healthchecks' per-project
 * metrics endpoint gives them, with any of the tenant's keys (a read-only one is enough). Up and paused come from
 * memory, as badges have them, so they are there on every scrape; the run and ping metrics need the processor's
 * live state and are left out for the monitors it could not be asked about.
 */
@Path("/api/metrics")
@Tag(name = "metrics", description = "The tenant's monitors in Prometheus' text format")
@SecurityRequirement(name = "apiKey")
@Blocking
public class MonitorMetricsResource {

    @Inject
    MonitorService monitors;

    @Inject
    IncidentLog incidents;

    @Inject
    LiveStateReader liveState;

    @Inject
    CallerTenant caller;

    @GET
    @Operation(summary = "The tenant's monitors as Prometheus metrics", description = "pushmon_monitor_up, "
            + "pushmon_monitor_paused, pushmon_monitor_started, pushmon_monitor_last_ping_age_seconds, "
            + "pushmon_monitor_last_duration_seconds per monitor (labels id, name, tags) and pushmon_tag_up per tag.")
    @APIResponse(responseCode = "200", description = "Prometheus' text format 0.0.4",
            content = @Content(mediaType = PrometheusText.CONTENT_TYPE))
    public Response metrics() {
        List<MonitorDefinition> all = monitors.list(caller.tenantId());
        Map<String, MonitorLiveState> live = liveStates(all.stream().map(MonitorDefinition::id).toList());
        Map<String, CurrentStatus> statuses = new HashMap<>();
        all.forEach(m -> statuses.put(m.id(), CurrentStatus.of(m, incidents)));
        Instant now = Instant.now();
        PrometheusText text = new PrometheusText();

        PrometheusText.Family up = text.gauge("pushmon_monitor_up",
                "1 unless the monitor is down (new and paused monitors count as up), 0 while it is down");
        all.forEach(m -> up.sample(statuses.get(m.id()) == CurrentStatus.DOWN ? 0 : 1, labels(m)));
        PrometheusText.Family paused = text.gauge("pushmon_monitor_paused",
                "1 while the monitor is paused (or its account suspended), else 0");
        all.forEach(m -> paused.sample(m.inactive() ? 1 : 0, labels(m)));
        PrometheusText.Family started = text.gauge("pushmon_monitor_started",
                "1 while a run of the monitor has started and not ended, else 0");
        forLive(all, live, (m, state) -> started.sample(state.openRuns() > 0 ? 1 : 0, labels(m)));
        PrometheusText.Family age = text.gauge("pushmon_monitor_last_ping_age_seconds",
                "Seconds since the monitor's last ping (broker time); absent before the first");
        forLive(all, live, (m, state) -> {
            if (state.lastHeartbeatAt() != null) {
                age.sample(seconds(Duration.between(state.lastHeartbeatAt(), now).toMillis()), labels(m));
            }
        });
        PrometheusText.Family duration = text.gauge("pushmon_monitor_last_duration_seconds",
                "How long the monitor's last run took from its start to its end; absent before one did");
        forLive(all, live, (m, state) -> {
            if (state.lastDurationMillis() != null) {
                duration.sample(seconds(state.lastDurationMillis()), labels(m));
            }
        });
        PrometheusText.Family tagUp = text.gauge("pushmon_tag_up",
                "1 unless a monitor with the tag is down, 0 while one is");
        for (String tag : Badges.tagsOf(all)) {
            boolean down = all.stream().anyMatch(m -> m.tags().contains(tag)
                    && statuses.get(m.id()) == CurrentStatus.DOWN);
            tagUp.sample(down ? 0 : 1, "tag", tag);
        }
        return Response.ok(text.text(), PrometheusText.CONTENT_TYPE).build();
    }

    /**
     * The live state of each monitor the processor could say something about, in one batch read (no sparkline
     * points): a monitor it has not seen yet is one that never pushed. None when it cannot answer at all.
     */
    private Map<String, MonitorLiveState> liveStates(List<String> ids) {
        Map<String, MonitorLiveState> states = new HashMap<>();
        liveState.readAll(ids, 0).ifPresent(read -> {
            read.states().forEach(state -> states.put(state.monitorId(), state));
            read.unknown().forEach(id -> states.put(id, MonitorLiveState.neverSeen(id)));
        });
        return states;
    }

    private interface LiveSample {
        void write(MonitorDefinition monitor, MonitorLiveState state);
    }

    private static void forLive(List<MonitorDefinition> all, Map<String, MonitorLiveState> live, LiveSample sample) {
        for (MonitorDefinition monitor : all) {
            MonitorLiveState state = live.get(monitor.id());
            if (state != null) {
                sample.write(monitor, state);
            }
        }
    }

    /** Healthchecks' labels: the id, the name, and the tags separated by spaces. */
    private static String[] labels(MonitorDefinition monitor) {
        return new String[] {"id", monitor.id(), "name", monitor.name(), "tags", String.join(" ", monitor.tags())};
    }

    /** Millis as seconds with three decimals, never below zero (the broker's clock may run a little ahead). */
    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(Math.max(0, millis), 3);
    }
}
