package io.pushmon.common.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pushmon.common.schedule.Schedules;

/**
 * A time during which a monitor, a tag or a whole tenant is not to be notified about; the value of the compacted
 * {@code maintenance-windows}, keyed by {@link #key(String, String)} so one tenant's windows are one key range.
 * Outages still open and are recorded during a window; only their notifications wait, and a monitor still down when
 * the window ends is notified then, once.
 *
 * @param id              window id
 * @param tenantId        owning tenant
 * @param name            what the owner called it ("database upgrade")
 * @param scope           what it covers
 * @param target          the monitor id for {@link Scope#MONITOR}, the tag for {@link Scope#TAG}, null for the tenant
 * @param startsAt        a one-off window's start (null for a recurring one)
 * @param endsAt          a one-off window's end, exclusive (null for a recurring one)
 * @param schedule        a recurring window's starts (null for a one-off one)
 * @param durationSeconds how long each occurrence of a recurring window lasts
 * @param createdAt       when it was created
 */
public record MaintenanceWindow(String id, String tenantId, String name, Scope scope, String target,
        Instant startsAt, Instant endsAt, CronSchedule schedule, long durationSeconds, Instant createdAt) {

    /** What a window covers. */
    public enum Scope {
        MONITOR, TAG, TENANT
    }

    /** The topic key: tenant, a separator no id contains, window id. */
    public static String key(String tenantId, String windowId) {
        return tenantId + '/' + windowId;
    }

    /** The prefix of every key of a tenant's windows. */
    public static String tenantPrefix(String tenantId) {
        return tenantId + '/';
    }

    /** True when the window is about this monitor. */
    public boolean covers(String monitorId, List<String> tags) {
        return switch (scope) {
            case MONITOR -> monitorId.equals(target);
            case TAG -> tags.contains(target);
            case TENANT -> true;
        };
    }

    /** The end of the occurrence that contains {@code at}, or empty when the window is not open at {@code at}. */
    public Optional<Instant> openUntil(Instant at) {
        if (schedule == null) {
            return !at.isBefore(startsAt) && at.isBefore(endsAt) ? Optional.of(endsAt) : Optional.empty();
        }
        return Schedules.lastAtOrBefore(schedule, at).map(start -> start.plus(Duration.ofSeconds(durationSeconds)))
                .filter(at::isBefore);
    }

    /** The next start after {@code at} (empty for a one-off window that has begun, or a schedule that ended). */
    public Optional<Instant> nextStartAfter(Instant at) {
        if (schedule == null) {
            return at.isBefore(startsAt) ? Optional.of(startsAt) : Optional.empty();
        }
        return Schedules.nextAfter(schedule, at);
    }
}
