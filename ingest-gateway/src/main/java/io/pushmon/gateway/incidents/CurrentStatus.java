package io.pushmon.gateway.incidents;

import java.util.Collection;
import java.util.Locale;

import io.pushmon.common.model.MonitorDefinition;

/**
 * A monitor's status as the public views (badges, status page, tenant metrics) show it, from what every gateway
 * holds in memory: the definition says paused (or suspended by an operator), the incident log says down. No call to
 * the processor, so a view read by anyone on the internet costs no internal request. Not shown: {@code new} (never
 * pushed; it shows as up, as Healthchecks shows its new checks) and {@code started}; the monitor API has those.
 */
public enum CurrentStatus {
    UP, DOWN, PAUSED;

    public static CurrentStatus of(MonitorDefinition monitor, IncidentLog incidents) {
        // Paused hides an outage, as the processor's own status does: a paused monitor is nobody's alarm.
        if (monitor.inactive()) {
            return PAUSED;
        }
        return incidents.openIncident(monitor.id()) != null ? DOWN : UP;
    }

    /** Of several monitors: down if any is down, else up if any is watched, else paused (all paused, or none). */
    public static CurrentStatus ofAll(Collection<CurrentStatus> statuses) {
        if (statuses.contains(DOWN)) {
            return DOWN;
        }
        return statuses.contains(UP) ? UP : PAUSED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
