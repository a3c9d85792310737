package io.pushmon.gateway.directory;

import io.pushmon.common.model.MonitorDefinition;

/**
 * What a push needs to know of its monitor.
 *
 * @param monitorId the monitor's id, the key of its heartbeats
 * @param tenantId  the owning tenant, whose plan limits the push
 * @param paused    true while its owner paused it: the push is recorded, no deadline follows
 */
public record PushTarget(String monitorId, String tenantId, boolean paused) {

    public static PushTarget of(MonitorDefinition monitor) {
        return new PushTarget(monitor.id(), monitor.tenantId(), monitor.paused());
    }
}
