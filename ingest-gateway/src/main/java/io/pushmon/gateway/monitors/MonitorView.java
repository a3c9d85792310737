package io.pushmon.gateway.monitors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.audit.Audited;

/**
 * A monitor as the API shows it: its definition, and on a single read the detector's live state beside it.
 * Read-only keys get it without {@code pushToken}, {@code pushUrl} and {@code pingUrl}: the token would let them
 * write heartbeats.
 *
 * @param pushUrl pushmon's own push URL ({@code /api/push/{token}})
 * @param pingUrl the Healthchecks-style URL ({@code /ping/{token}}), to which {@code /start}, {@code /fail},
 *                {@code /log} or an exit status may be appended
 * @param suspended     true while an operator suspended the account (absent otherwise)
 * @param previousToken the token a rotation replaced, while it still works (absent otherwise)
 * @param tags          the monitor's tags, sorted; empty when it has none
 * @param failureThreshold        consecutive failures before the monitor is down
 * @param recoveryThreshold       consecutive good pushes before it is up again
 * @param reminderIntervalSeconds how often a down monitor is notified again; 0 for never
 * @param reminderLimit           most reminders per incident; 0 for no limit
 * @param live          the live state, absent in lists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorView(String id, String name, String pushToken, String pushUrl, String pingUrl,
        Long timeoutSeconds, String cron, String timeZone, ScheduleView schedule, long graceSeconds,
        Long maxRuntimeSeconds, boolean paused, Boolean suspended, PreviousTokenView previousToken,
        List<String> channelIds, List<String> tags, int failureThreshold, int recoveryThreshold,
        long reminderIntervalSeconds, int reminderLimit, Instant createdAt, Instant updatedAt,
        @JsonUnwrapped Live live) implements Audited {

    /**
     * A rotated-away token that still works: clients still using it have until {@code validUntil} to move.
     * Read-only keys see only when it ends.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviousTokenView(String pushToken, String pushUrl, Instant validUntil) {

        static PreviousTokenView of(MonitorDefinition.PreviousToken previous, String base, boolean withToken,
                Instant now) {
            if (previous == null || !previous.validAt(now)) {
                return null;
            }
            return new PreviousTokenView(withToken ? previous.token() : null,
                    withToken ? base + "/api/push/" + previous.token() : null, previous.validUntil());
        }
    }

    /** The status shown while the processor cannot answer. */
    static final String UNKNOWN_STATUS = "unknown";

    /**
     * The detector's view of the monitor.
     *
     * @param status             new, up, down, paused, started, or unknown when the processor could not be asked
     * @param runningSince       start of the oldest run not ended yet
     * @param openRuns           runs started and not ended
     * @param lastDurationMillis how long the last run that reported its start took
     * @param lastExitStatus     the exit status of the last run that reported one
     * @param failing            {@code "k/n"} while up with k failures counted towards the failure threshold n
     * @param recovering         {@code "k/r"} while down with k of the r good pushes it needs to be up again
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Live(String status, Instant lastHeartbeatAt, Instant nextDeadlineAt, String lastMsg,
            Double lastValue, Long incident, Instant runningSince, Integer openRuns, Long lastDurationMillis,
            Integer lastExitStatus, String failing, String recovering) {

        static final Live UNKNOWN = new Live(UNKNOWN_STATUS, null, null, null, null, null, null, null, null, null,
                null, null);

        public static Live of(MonitorLiveState state) {
            return new Live(state.status().wireName(), state.lastHeartbeatAt(), state.nextDeadlineAt(),
                    state.lastMsg(), state.lastValue(), state.incident(), state.runningSince(),
                    state.openRuns() == 0 ? null : state.openRuns(), state.lastDurationMillis(),
                    state.lastExitStatus(), state.thresholds().failing(), state.thresholds().recovering());
        }
    }

    /**
     * The same view with the detector's live state: status, last heartbeat, next deadline, incident, runs; with
     * status {@code unknown} and nothing else when the processor could not be asked.
     */
    public MonitorView withLiveState(Optional<MonitorLiveState> state) {
        return new MonitorView(id, name, pushToken, pushUrl, pingUrl, timeoutSeconds, cron, timeZone, schedule,
                graceSeconds, maxRuntimeSeconds, paused, suspended, previousToken, channelIds, tags, failureThreshold,
                recoveryThreshold, reminderIntervalSeconds, reminderLimit, createdAt, updatedAt,
                state.map(Live::of).orElse(Live.UNKNOWN));
    }

    /** The definition as its owner sees it; {@code now} is where the next expected runs are counted from. */
    public static MonitorView of(MonitorDefinition monitor, String publicUrl, boolean withToken, Instant now) {
        String base = GatewayConfig.base(publicUrl);
        CronSchedule cron = monitor.cron();
        AlertPolicy policy = monitor.alertPolicy();
        return new MonitorView(monitor.id(), monitor.name(), withToken ? monitor.pushToken() : null,
                withToken ? base + "/api/push/" + monitor.pushToken() : null,
                withToken ? base + "/ping/" + monitor.pushToken() : null,
                cron == null ? monitor.timeoutSeconds() : null, cron == null ? null : cron.expression(),
                cron == null ? null : cron.timeZone(), ScheduleView.of(monitor.timeoutSeconds(), cron, now),
                monitor.graceSeconds(), monitor.maxRuntimeSeconds() == 0 ? null : monitor.maxRuntimeSeconds(),
                monitor.paused(), monitor.suspended() ? Boolean.TRUE : null,
                PreviousTokenView.of(monitor.previousToken(), base, withToken, now), monitor.channelIds(),
                monitor.tags(), policy.failureThreshold(), policy.recoveryThreshold(), policy.reminderIntervalSeconds(),
                policy.reminderLimit(), monitor.createdAt(), monitor.updatedAt(), null);
    }

    @Override
    public String toString() {
        return "MonitorView[id=" + id + ", name=" + name + "]";
    }
}
