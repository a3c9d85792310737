package io.pushmon.gateway.monitors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.CronSchedule;

/**
 * A monitor as the API shows it. Read-only keys get it without {@code pushToken} and {@code pushUrl}: the
 * token would let them write heartbeats.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorView(String id, String name, String pushToken, String pushUrl, Long timeoutSeconds,
        String cron, String timeZone, ScheduleView schedule, long graceSeconds, boolean paused,
        List<String> channelIds, Instant createdAt, Instant updatedAt, String status, Instant lastHeartbeatAt,
        Instant nextDeadlineAt, String lastMsg, Double lastValue, Long incident) {

    /** The status shown while the processor cannot answer. */
    static final String UNKNOWN_STATUS = "unknown";

    /**
     * The same view with the detector's live state: status, last heartbeat, next deadline, incident; with status
     * {@code unknown} and nothing else when the processor could not be asked.
     */
    MonitorView withLiveState(Optional<MonitorLiveState> state) {
        if (state.isEmpty()) {
            return new MonitorView(id, name, pushToken, pushUrl, timeoutSeconds, cron, timeZone, schedule,
                    graceSeconds, paused, channelIds, createdAt, updatedAt, UNKNOWN_STATUS, null, null, null, null,
                    null);
        }
        MonitorLiveState live = state.get();
        return new MonitorView(id, name, pushToken, pushUrl, timeoutSeconds, cron, timeZone, schedule, graceSeconds,
                paused, channelIds, createdAt, updatedAt, live.status().wireName(), live.lastHeartbeatAt(),
                live.nextDeadlineAt(), live.lastMsg(), live.lastValue(), live.incident());
    }

    /** The definition as its owner sees it; {@code now} is where the next expected runs are counted from. */
    static MonitorView of(MonitorDefinition monitor, String publicUrl, boolean withToken, Instant now) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        CronSchedule cron = monitor.cron();
        return new MonitorView(monitor.id(), monitor.name(), withToken ? monitor.pushToken() : null,
                withToken ? base + "/api/push/" + monitor.pushToken() : null,
                cron == null ? monitor.timeoutSeconds() : null, cron == null ? null : cron.expression(),
                cron == null ? null : cron.timeZone(), ScheduleView.of(monitor.timeoutSeconds(), cron, now),
                monitor.graceSeconds(), monitor.paused(), monitor.channelIds(), monitor.createdAt(),
                monitor.updatedAt(), null, null, null, null, null, null);
    }

    @Override
    public String toString() {
        return "MonitorView[id=" + id + ", name=" + name + "]";
    }
}
