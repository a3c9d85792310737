package io.pushmon.gateway.directory;

/**
 * What a push needs to know of its monitor.
 *
 * @param monitorId the monitor's id, the key of its heartbeats
 * @param paused    true while its owner paused it: the push is recorded, no deadline follows
 */
public record PushTarget(String monitorId, boolean paused) {
}
