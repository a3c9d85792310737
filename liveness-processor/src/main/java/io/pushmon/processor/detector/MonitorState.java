package io.pushmon.processor.detector;

import java.util.List;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorStatus;

/**
 * The detector's hot state of one monitor: what every push and every due deadline reads and writes. The
 * heartbeat history, the bodies and the recent events live in their own stores so this value stays small. The push
 * token is deliberately not copied here: the detector never needs it and its stores must hold no secrets.
 *
 * @param monitorId      the monitor (the store key)
 * @param tenantId       its tenant
 * @param name           its name, carried into events
 * @param timeoutSeconds expected interval between pushes
 * @param graceSeconds   extra time before down
 * @param paused         no deadline and no events while true
 * @param channelIds     channels to notify, carried into events
 * @param status         new, up or down; never paused or started, which are shown on top of the status
 * @param lastHeartbeatAt broker time of the last push that ended a run or was a plain heartbeat (null before the
 *                       first); starts and logs do not count, as in Healthchecks
 * @param lastMsg        msg of that push
 * @param lastValue      value of that push
 * @param armedAt        epoch millis the pending deadline counts from: the last push, or a resume if later
 * @param deadline       epoch millis when the monitor goes down unless a push arrives (null when none pends)
 * @param incident       number of the current or last incident; 0 before the first down
 * @param downSince      when the open incident began (null while not down)
 * @param heartbeatCount signals seen so far, logs included; it picks the slot of the heartbeat history ring
 * @param cron           the monitor's cron schedule, null for an interval (and in state written before schedules)
 * @param maxRuntimeSeconds how long a started run may take; 0 means the grace time
 * @param runs           started runs not ended yet, oldest first, at most {@link #MAX_OPEN_RUNS}
 * @param lastDurationMillis how long the last run that reported its start took (null before one did)
 * @param lastExitStatus the exit status of the last run that reported one (null before one did)
 * @param streak         the alert thresholds and the consecutive failures or recoveries counted towards them
 *                       ({@link Streak#DEFAULT} in state written before thresholds)
 */
public record MonitorState(String monitorId, String tenantId, String name, long timeoutSeconds, long graceSeconds,
        boolean paused, List<String> channelIds, MonitorStatus status, Long lastHeartbeatAt, String lastMsg,
        Double lastValue, Long armedAt, Long deadline, long incident, Long downSince, long heartbeatCount,
        CronSchedule cron, long maxRuntimeSeconds, List<OpenRun> runs, Long lastDurationMillis,
        Integer lastExitStatus, Streak streak) {

    /**
     * Open runs kept per monitor. A job that starts and never reports its end must not grow the hot state; the oldest
     * start gives way, and a run that outlives its limit takes the monitor down anyway.
     */
    public static final int MAX_OPEN_RUNS = 10;

    public MonitorState {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        runs = runs == null ? List.of() : List.copyOf(runs);
        streak = streak == null ? Streak.DEFAULT : streak;
    }

    /** The state of a monitor that was just defined and never pushed. */
    public static MonitorState created(MonitorDefinition definition) {
        return new MonitorState(definition.id(), definition.tenantId(), definition.name(),
                definition.timeoutSeconds(), definition.graceSeconds(), definition.inactive(),
                definition.channelIds(), MonitorStatus.NEW, null, null, null, null, null, 0, null, 0, definition.cron(),
                definition.maxRuntimeSeconds(), List.of(), null, null, Streak.of(definition.alertPolicy()));
    }

    /** The status as users see it: paused hides the underlying status, and an open run shows as started. */
    public MonitorStatus visibleStatus() {
        if (paused) {
            return MonitorStatus.PAUSED;
        }
        return !runs.isEmpty() && status != MonitorStatus.DOWN ? MonitorStatus.STARTED : status;
    }

    /**
     * How long a run may take, in millis: the monitor's maximum run time, or its grace without one; 0 when it has
     * neither, and then a run has no limit of its own (a limit of zero would take every start down at once).
     */
    public long runLimitMillis() {
        return Math.multiplyExact(maxRuntimeSeconds > 0 ? maxRuntimeSeconds : graceSeconds, 1000L);
    }

    /** When the oldest open run is overdue, or null without open runs or without a run limit. */
    public Long runDeadline() {
        long limit = runLimitMillis();
        return runs.isEmpty() || limit == 0 ? null : Math.addExact(runs.get(0).startedAt(), limit);
    }

    /** Takes over the configuration of a changed definition; status and deadline are left to the caller. */
    public MonitorState withDefinition(MonitorDefinition definition) {
        return new MonitorState(monitorId, definition.tenantId(), definition.name(), definition.timeoutSeconds(),
                definition.graceSeconds(), definition.inactive(), definition.channelIds(), status, lastHeartbeatAt,
                lastMsg, lastValue, armedAt, deadline, incident, downSince, heartbeatCount, definition.cron(),
                definition.maxRuntimeSeconds(), runs, lastDurationMillis, lastExitStatus,
                streak.withPolicy(definition.alertPolicy()));
    }

    /** Records a push that ends a run or is a plain heartbeat, at broker time {@code at}. */
    public MonitorState withPush(long at, String msg, Double value) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                at, msg, value, armedAt, deadline, incident, downSince, heartbeatCount + 1, cron, maxRuntimeSeconds,
                runs, lastDurationMillis, lastExitStatus, streak);
    }

    /** Records a signal that only goes into the history (a log, a start): it takes a history slot, nothing else. */
    public MonitorState counted() {
        return withCount(heartbeatCount + 1);
    }

    /** The same state with these open runs. */
    public MonitorState withRuns(List<OpenRun> openRuns) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident, downSince, heartbeatCount, cron,
                maxRuntimeSeconds, openRuns, lastDurationMillis, lastExitStatus, streak);
    }

    /** The same state with the outcome of a run that ended: its duration and exit status, where known. */
    public MonitorState withRunOutcome(Long durationMillis, Integer exitStatus) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident, downSince, heartbeatCount, cron,
                maxRuntimeSeconds, runs, durationMillis != null ? durationMillis : lastDurationMillis,
                exitStatus != null ? exitStatus : lastExitStatus, streak);
    }

    private MonitorState withCount(long count) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident, downSince, count, cron,
                maxRuntimeSeconds, runs, lastDurationMillis, lastExitStatus, streak);
    }

    /** Sets the base and time of the pending deadline; both null disarm it. */
    public MonitorState armed(Long newArmedAt, Long newDeadline) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                lastHeartbeatAt, lastMsg, lastValue, newArmedAt, newDeadline, incident, downSince, heartbeatCount, cron,
                maxRuntimeSeconds, runs, lastDurationMillis, lastExitStatus, streak);
    }

    /** Moves the pending deadline without changing what it counts from. */
    public MonitorState withDeadline(Long newDeadline) {
        return armed(armedAt, newDeadline);
    }

    /** Opens a new incident at {@code at}: status down, no deadline, nothing counted towards the thresholds. */
    public MonitorState wentDown(long at) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds,
                MonitorStatus.DOWN, lastHeartbeatAt, lastMsg, lastValue, null, null, incident + 1, at, heartbeatCount,
                cron, maxRuntimeSeconds, runs, lastDurationMillis, lastExitStatus, streak.cleared());
    }

    /**
     * Status up (first push or recovery), nothing counted towards the thresholds; the incident number stays so the
     * recovery can name it.
     */
    public MonitorState cameUp() {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds,
                MonitorStatus.UP, lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident, null,
                heartbeatCount, cron, maxRuntimeSeconds, runs, lastDurationMillis, lastExitStatus, streak.cleared());
    }

    /** The same state with these thresholds and counts. */
    public MonitorState withStreak(Streak next) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident, downSince, heartbeatCount, cron,
                maxRuntimeSeconds, runs, lastDurationMillis, lastExitStatus, next);
    }
}
