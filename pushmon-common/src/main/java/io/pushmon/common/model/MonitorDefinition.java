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
 * @param timeoutSeconds expected interval between pushes, for a monitor without a cron schedule (0 with one)
 * @param graceSeconds   extra time after the timeout, or after a cron run's expected time, before the monitor is
 *                       declared down
 * @param paused         no deadlines and no alerts while true
 * @param channelIds     notification channels of the same tenant
 * @param createdAt      creation time
 * @param updatedAt      time of the last change; on resume it is the time the deadline re-arms from
 * @param cron           when runs are expected instead of every {@code timeoutSeconds}; null for an interval
 * @param maxRuntimeSeconds how long a started run may take before the monitor is down for running too long; 0 means
 *                       the grace time, as Healthchecks does
 * @param suspended      true while an operator suspended the tenant: no deadlines and no alerts, like paused, but
 *                       set and cleared by the operator only, so the owner's own pause survives a suspension
 * @param previousToken  the push token a rotation replaced, still accepted until its time is up; null if none
 * @param tags           labels its owner groups monitors by (filters, badges, metrics): lower case, distinct,
 *                       sorted, as the gateway's API made them; empty when none, also for records written before
 *                       monitors had tags
 * @param alertPolicy    thresholds and reminders; {@link AlertPolicy#DEFAULT} when none was set, also for records
 *                       written before monitors had one
 */
public record MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
        long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt,
        CronSchedule cron, long maxRuntimeSeconds, boolean suspended, PreviousToken previousToken,
        List<String> tags, AlertPolicy alertPolicy) {

    public MonitorDefinition {
        channelIds = channelIds == null ? List.of() : List.copyOf(channelIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
        alertPolicy = alertPolicy == null ? AlertPolicy.DEFAULT : alertPolicy;
    }

    /** A monitor with the default alert policy. */
    public MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
            long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt,
            CronSchedule cron, long maxRuntimeSeconds, boolean suspended, PreviousToken previousToken,
            List<String> tags) {
        this(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, paused, channelIds, createdAt, updatedAt,
                cron, maxRuntimeSeconds, suspended, previousToken, tags, null);
    }

    /**
     * A push token that was rotated away and keeps working for a while, so deployed clients can be updated.
     *
     * @param token      the old token
     * @param validUntil the first instant it is refused at
     */
    public record PreviousToken(String token, Instant validUntil) {

        public boolean validAt(Instant instant) {
            return instant.isBefore(validUntil);
        }

        @Override
        public String toString() {
            return "PreviousToken[validUntil=" + validUntil + "]";
        }
    }

    /** A monitor without tags. */
    public MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
            long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt,
            CronSchedule cron, long maxRuntimeSeconds, boolean suspended, PreviousToken previousToken) {
        this(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, paused, channelIds, createdAt, updatedAt,
                cron, maxRuntimeSeconds, suspended, previousToken, List.of());
    }

    /** A monitor neither suspended nor with a previous token. */
    public MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
            long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt,
            CronSchedule cron, long maxRuntimeSeconds) {
        this(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, paused, channelIds, createdAt, updatedAt,
                cron, maxRuntimeSeconds, false, null);
    }

    /** A monitor that expects a push at least every {@code timeoutSeconds}. */
    public MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
            long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt) {
        this(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, paused, channelIds, createdAt, updatedAt,
                null, 0);
    }

    /** A monitor whose started runs may take up to its grace time. */
    public MonitorDefinition(String id, String tenantId, String name, String pushToken, long timeoutSeconds,
            long graceSeconds, boolean paused, List<String> channelIds, Instant createdAt, Instant updatedAt,
            CronSchedule cron) {
        this(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, paused, channelIds, createdAt, updatedAt,
                cron, 0);
    }

    /**
     * The same monitor with another push token, changed at {@code at}; the current one stays valid as
     * {@code previous} (null: refused at once).
     */
    public MonitorDefinition withPushToken(String token, PreviousToken previous, Instant at) {
        return new MonitorDefinition(id, tenantId, name, token, timeoutSeconds, graceSeconds, paused, channelIds,
                createdAt, at, cron, maxRuntimeSeconds, suspended, previous, tags, alertPolicy);
    }

    /** The same monitor paused or resumed at {@code at}. */
    public MonitorDefinition withPaused(boolean pausedNow, Instant at) {
        return new MonitorDefinition(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, pausedNow,
                channelIds, createdAt, at, cron, maxRuntimeSeconds, suspended, previousToken, tags, alertPolicy);
    }

    /** The same monitor suspended or released by an operator at {@code at}. */
    public MonitorDefinition withSuspended(boolean suspendedNow, Instant at) {
        return new MonitorDefinition(id, tenantId, name, pushToken, timeoutSeconds, graceSeconds, paused, channelIds,
                createdAt, at, cron, maxRuntimeSeconds, suspendedNow, previousToken, tags, alertPolicy);
    }

    /** True when no deadline runs: paused by its owner or suspended by an operator. */
    public boolean inactive() {
        return paused || suspended;
    }

    @Override
    public String toString() {
        // The token is a credential: keep it out of anything that may be logged.
        return "MonitorDefinition[id=" + id + ", tenantId=" + tenantId + ", name=" + name + ", timeoutSeconds="
                + timeoutSeconds + ", graceSeconds=" + graceSeconds + ", cron=" + cron + ", maxRuntimeSeconds="
                + maxRuntimeSeconds + ", paused=" + paused + ", suspended=" + suspended + ", channelIds=" + channelIds
                + ", previousToken=" + previousToken + ", tags=" + tags + ", alertPolicy=" + alertPolicy + "]";
    }
}
