package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A status change of a monitor; the value of {@code monitor-events}. It carries what the dispatcher needs
 * to notify without reading anything else.
 *
 * @param eventId         unique id of this event, stable across redelivery
 * @param monitorId       the monitor (the record key)
 * @param tenantId        its tenant
 * @param monitorName     its name at the time of the event
 * @param from            status before
 * @param to              status after
 * @param reason          why
 * @param at              when it happened: for a timeout, the deadline, not the time it was noticed
 * @param incident        incident number, incremented on each down; a recovery carries the incident it closes
 * @param downSince       for a recovery, when the incident began (nullable otherwise)
 * @param lastHeartbeatAt broker time of the last push (nullable if none)
 * @param lastMsg         msg of the last push (nullable)
 * @param lastValue       value of the last push (nullable)
 * @param channelIds      channels to notify, as configured at the time of the event
 * @param notice          on {@code alerts}, what the policy decided to send; null on {@code monitor-events}
 */
public record MonitorEvent(String eventId, String monitorId, String tenantId, String monitorName,
        MonitorStatus from, MonitorStatus to, EventReason reason, Instant at, long incident, Instant downSince,
        Instant lastHeartbeatAt, String lastMsg, Double lastValue, List<String> channelIds, Notice notice) {

    public MonitorEvent {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    /** A status change as the detector writes it, before any policy. */
    public MonitorEvent(String eventId, String monitorId, String tenantId, String monitorName, MonitorStatus from,
            MonitorStatus to, EventReason reason, Instant at, long incident, Instant downSince,
            Instant lastHeartbeatAt, String lastMsg, Double lastValue, List<String> channelIds) {
        this(eventId, monitorId, tenantId, monitorName, from, to, reason, at, incident, downSince, lastHeartbeatAt,
                lastMsg, lastValue, channelIds, null);
    }

    /** The same event as the notice the policy sends, with its own event id and channels. */
    public MonitorEvent asAlert(String alertId, Notice alertNotice, List<String> channels) {
        return new MonitorEvent(alertId, monitorId, tenantId, monitorName, from, to, reason, at, incident, downSince,
                lastHeartbeatAt, lastMsg, lastValue, channels, alertNotice);
    }

    /** True for a change into {@code down}. Derived, so not written: {@code to} already says it. */
    @JsonIgnore
    public boolean isDown() {
        return to == MonitorStatus.DOWN;
    }
}
