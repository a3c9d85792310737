package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

/**
 * A monitor as its owner configured it; the value of the compacted {@code monitors} topic.
 *
 * <p>The push token is kept here so the owner can read the push URL again, as every push monitor allows;
 * the topic is internal and must be protected by ACLs like any store of credentials. It is never logged.
 *
 * @param id             monitor id (the record key)
 * @param tenantId       owning tenant
 * @param name           1..100 characters
 * @param pushToken      the secret in the push URL
 * @param timeoutSeconds expected interval between pushes
 * @param graceSeconds   extra time after the timeout before the monitor is declared down
 * @param paused         no deadlines and no alerts while true
 * @param channelIds     notification channels of the same tenant
 * @param createdAt      creation time
 * @param updatedAt      time of the last change; on resume it is the time the deadline re-arms from
 */
public record MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
        long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt) {

    public MonitorDefinition {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
    }

    /** Timeout plus grace, in milliseconds: how long after a heartbeat the monitor goes down. */
    public long allowedSilenceMillis() {
        return (timeoutSeconds + graceSeconds) * 1000L;
    }

    @Override
    public String toString() {
        // The token is a credential: keep it out of anything that may be logged.
        return "MonitorDefinition[id=" + id + ", tenantId=" + tenantId + ", name=" + name + ", timeoutSeconds="
                + timeoutSeconds + ", graceSeconds=" + graceSeconds + ", paused=" + paused + ", channelIds="
                + channelIds + "]";
    }
}
