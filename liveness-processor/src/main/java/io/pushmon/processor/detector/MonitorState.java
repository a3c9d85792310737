package io.pushmon.processor.detector;

import java.util.List;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorStatus;

/**
 * The detector's hot state of one monitor: what every push and every due deadline reads and writes. The
 * heartbeat history and the recent events live in their own stores so this value stays small. The push
 * token is deliberately not copied here: the detector never needs it and its stores must hold no secrets.
 *
 * @param monitorId      the monitor (the store key)
 * @param tenantId       its tenant
 * @param name           its name, carried into events
 * @param timeoutSeconds expected interval between pushes
 * @param graceSeconds   extra time before down
 * @param paused         no deadline and no events while true
 * @param channelIds     channels to notify, carried into events
 * @param status         new, up or down; never paused, which is {@code paused} on top of the status
 * @param lastHeartbeatAt broker time of the last push, epoch millis (null before the first)
 * @param lastMsg        msg of the last push
 * @param lastValue      value of the last push
 * @param armedAt        epoch millis the pending deadline counts from: the last push, or a resume if later
 * @param deadline       epoch millis when the monitor goes down unless a push arrives (null when none pends)
 * @param incident       number of the current or last incident; 0 before the first down
 * @param downSince      when the open incident began (null while not down)
 * @param heartbeatCount pushes seen so far; it picks the slot of the heartbeat history ring
 * @param cron           the monitor's cron schedule, null for an interval (and in state written before schedules)
 */
public record MonitorState(String monitorId, String tenantId, String name, long timeoutSeconds, long graceSeconds,
        boolean paused, List<String> channelIds, MonitorStatus status, Long lastHeartbeatAt, String lastMsg,
        Double lastValue, Long armedAt, Long deadline, long incident, Long downSince, long heartbeatCount,
        CronSchedule cron) {

    public MonitorState {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    /** The state of a monitor that was just defined and never pushed. */
    public static MonitorState created(MonitorDefinition definition) {
        return new MonitorState(definition.id(), definition.tenantId(), definition.name(),
                definition.timeoutSeconds(), definition.graceSeconds(), definition.paused(),
                definition.channelIds(), MonitorStatus.NEW, null, null, null, null, null, 0, null, 0, definition.cron());
    }

    /** The status as users see it: paused hides the underlying status. */
    public MonitorStatus visibleStatus() {
        return paused ? MonitorStatus.PAUSED : status;
    }

    /** Takes over the configuration of a changed definition; status and deadline are left to the caller. */
    public MonitorState withDefinition(MonitorDefinition definition) {
        return new MonitorState(monitorId, definition.tenantId(), definition.name(), definition.timeoutSeconds(),
                definition.graceSeconds(), definition.paused(), definition.channelIds(), status, lastHeartbeatAt,
                lastMsg, lastValue, armedAt, deadline, incident, downSince, heartbeatCount, definition.cron());
    }

    /** Records a push at broker time {@code at}. */
    public MonitorState withPush(long at, String msg, Double value) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                at, msg, value, armedAt, deadline, incident, downSince, heartbeatCount + 1, cron);
    }

    /** Sets the base and time of the pending deadline; both null disarm it. */
    public MonitorState armed(Long newArmedAt, Long newDeadline) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds, status,
                lastHeartbeatAt, lastMsg, lastValue, newArmedAt, newDeadline, incident, downSince, heartbeatCount, cron);
    }

    /** Moves the pending deadline without changing what it counts from. */
    public MonitorState withDeadline(Long newDeadline) {
        return armed(armedAt, newDeadline);
    }

    /** Opens a new incident at {@code at}: status down, no deadline. */
    public MonitorState wentDown(long at) {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds,
                MonitorStatus.DOWN, lastHeartbeatAt, lastMsg, lastValue, null, null, incident + 1, at, heartbeatCount,
                cron);
    }

    /** Status up (first push or recovery); the incident number stays so the recovery can name it. */
    public MonitorState cameUp() {
        return new MonitorState(monitorId, tenantId, name, timeoutSeconds, graceSeconds, paused, channelIds,
                MonitorStatus.UP, lastHeartbeatAt, lastMsg, lastValue, armedAt, deadline, incident, null,
                heartbeatCount, cron);
    }
}
