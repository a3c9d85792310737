package io.pushmon.gateway.monitors;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.schedule.Schedules;
import io.pushmon.gateway.errors.ApiException;

/**
 * The body of {@code POST /api/monitors} and {@code PUT /api/monitors/{id}}. A PUT replaces all of these
 * fields; omitted optional ones fall back to their defaults (a PUT without {@code channelIds} or {@code tags}
 * leaves the monitor without them).
 *
 * @param name           1..100 characters, not only blanks
 * @param timeoutSeconds expected interval between pushes, 1 s .. 365 days; or instead
 * @param cron           when runs are expected: a 5-field crontab line or a macro such as {@code @daily}
 * @param timeZone       the IANA zone {@code cron} is read in (default UTC); only with {@code cron}
 * @param graceSeconds   extra silence allowed after the timeout or an expected run, 0 .. 365 days (default 0)
 * @param channelIds     channels of the caller's tenant to notify (default none)
 * @param pushToken      on create only, the token to keep (a job moved from Healthchecks or Uptime Kuma keeps its
 *                       URL apart from the host); generated when absent
 * @param maxRuntimeSeconds how long a started run may take before the monitor is down for running too long,
 *                       1 s .. 365 days; the grace time when absent
 * @param tags           labels to group the monitor by, at most 10 (see {@link Tags}); lower-cased, deduplicated
 *                       and sorted (default none)
 * @param failureThreshold  consecutive failures (missed deadlines, failed runs, down pushes) before the monitor is
 *                       down, 1 .. 100 (default 1)
 * @param recoveryThreshold consecutive good pushes before a down monitor is up again, 1 .. 100 (default 1)
 * @param reminderIntervalSeconds while down and not acknowledged, notify again this often: 0 (the default) for never,
 *                       else 60 s .. 365 days
 * @param reminderLimit  at most this many reminders per incident, 0 .. 1000; 0 (the default) for no limit
 */
public record MonitorRequest(
        @NotBlank(message = "name is required and must not be blank")
        @Size(max = MonitorRequest.MAX_NAME, message = "name must be 1 to 100 characters")
        String name,
        @Min(value = 1, message = "timeoutSeconds must be between 1 and 31536000 (365 days)")
        @Max(value = MonitorRequest.MAX_SECONDS, message = "timeoutSeconds must be between 1 and 31536000 (365 days)")
        Long timeoutSeconds,
        @Size(max = MonitorRequest.MAX_CRON, message = "cron must be at most 200 characters")
        String cron,
        @Size(max = MonitorRequest.MAX_CRON, message = "timeZone must be at most 200 characters")
        String timeZone,
        @Min(value = 0, message = "graceSeconds must be between 0 and 31536000 (365 days)")
        @Max(value = MonitorRequest.MAX_SECONDS, message = "graceSeconds must be between 0 and 31536000 (365 days)")
        Long graceSeconds,
        @Size(max = MonitorRequest.MAX_CHANNELS, message = "at most 50 channelIds")
        List<@NotBlank(message = "channelIds must not contain blank ids") String> channelIds,
        @Size(max = MonitorRequest.MAX_CRON, message = "pushToken must be at most 200 characters")
        String pushToken,
        @Min(value = 1, message = "maxRuntimeSeconds must be between 1 and 31536000 (365 days)")
        @Max(value = MonitorRequest.MAX_SECONDS, message = "maxRuntimeSeconds must be between 1 and 31536000 (365 days)")
        Long maxRuntimeSeconds,
        List<String> tags,
        @Min(value = 1, message = "failureThreshold must be between 1 and 100")
        @Max(value = MonitorRequest.MAX_THRESHOLD, message = "failureThreshold must be between 1 and 100")
        Integer failureThreshold,
        @Min(value = 1, message = "recoveryThreshold must be between 1 and 100")
        @Max(value = MonitorRequest.MAX_THRESHOLD, message = "recoveryThreshold must be between 1 and 100")
        Integer recoveryThreshold,
        @Min(value = 0, message = MonitorRequest.REMINDER_INTERVAL_RANGE)
        @Max(value = MonitorRequest.MAX_SECONDS, message = MonitorRequest.REMINDER_INTERVAL_RANGE)
        Long reminderIntervalSeconds,
        @Min(value = 0, message = "reminderLimit must be between 0 (no limit) and 1000")
        @Max(value = MonitorRequest.MAX_REMINDERS, message = "reminderLimit must be between 0 (no limit) and 1000")
        Integer reminderLimit) {

    /** Longest name, in characters. */
    public static final int MAX_NAME = 100;
    /** 365 days: the longest timeout and grace. */
    public static final long MAX_SECONDS = 365L * 24 * 3600;
    /** Most channels per monitor. */
    public static final int MAX_CHANNELS = 50;
    /** Longest cron expression or zone name, in characters. */
    public static final int MAX_CRON = 200;
    /** Highest failure or recovery threshold, also what a backtest may try. */
    public static final int MAX_THRESHOLD = Backtests.MAX_THRESHOLD;
    /** Shortest reminder interval other than 0 (off), in seconds. */
    public static final long MIN_REMINDER_INTERVAL = 60;
    /** Highest reminder limit. */
    public static final int MAX_REMINDERS = 1000;
    static final String REMINDER_INTERVAL_RANGE = "reminderIntervalSeconds must be 0 (no reminders) or between 60 and "
            + "31536000 (365 days)";

    /** A request without tags, such as the one a slug ping with {@code ?create=1} makes. */
    public MonitorRequest(String name, Long timeoutSeconds, String cron, String timeZone, Long graceSeconds,
            List<String> channelIds, String pushToken, Long maxRuntimeSeconds) {
        this(name, timeoutSeconds, cron, timeZone, graceSeconds, channelIds, pushToken, maxRuntimeSeconds, null);
    }

    /** A request with the default alert policy, such as the one an import makes. */
    public MonitorRequest(String name, Long timeoutSeconds, String cron, String timeZone, Long graceSeconds,
            List<String> channelIds, String pushToken, Long maxRuntimeSeconds, List<String> tags) {
        this(name, timeoutSeconds, cron, timeZone, graceSeconds, channelIds, pushToken, maxRuntimeSeconds, tags, null,
                null, null, null);
    }

    /**
     * The schedule the request asks for: a cron schedule, checked, or null for an interval.
     *
     * @throws io.pushmon.gateway.errors.ApiException a 400 naming the problem: neither or both of timeoutSeconds
     *         and cron, a zone without cron, a bad cron field, an unknown zone
     */
    CronSchedule scheduleOrInterval() {
        boolean hasCron = cron != null;
        if (hasCron == (timeoutSeconds != null)) {
            throw ApiException.badRequest(hasCron ? "give timeoutSeconds or cron, not both"
                    : "timeoutSeconds or cron is required");
        }
        if (!hasCron) {
            if (timeZone != null) {
                throw ApiException.badRequest("timeZone goes with cron; an interval has no time zone");
            }
            return null;
        }
        try {
            return Schedules.parse(cron, timeZone);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** The interval, or 0 for a cron schedule, whose runs come from the schedule. */
    long timeoutOrNone() {
        return timeoutSeconds == null ? 0 : timeoutSeconds;
    }

    /** The run limit, or 0 for "the grace time". */
    long maxRuntimeOrNone() {
        return maxRuntimeSeconds == null ? 0 : maxRuntimeSeconds;
    }

    long graceOrDefault() {
        return graceSeconds == null ? 0 : graceSeconds;
    }

    List<String> channelIdsOrNone() {
        return channelIds == null ? List.of() : channelIds.stream().distinct().toList();
    }

    /**
     * The tags as the monitor keeps them.
     *
     * @throws io.pushmon.gateway.errors.ApiException a 400 naming {@code tags} and the tag that does not fit
     */
    List<String> tagsOrNone() {
        return Tags.normalize(tags, "tags");
    }

    /**
     * The alert policy the request asks for; omitted fields take their defaults.
     *
     * @throws io.pushmon.gateway.errors.ApiException a 400 for a reminder interval between 0 and 60 s
     */
    AlertPolicy alertPolicy() {
        long interval = reminderIntervalSeconds == null ? 0 : reminderIntervalSeconds;
        if (interval > 0 && interval < MIN_REMINDER_INTERVAL) {
            throw ApiException.badRequest(REMINDER_INTERVAL_RANGE);
        }
        return new AlertPolicy(failureThreshold == null ? 1 : failureThreshold,
                recoveryThreshold == null ? 1 : recoveryThreshold, interval, reminderLimit == null ? 0 : reminderLimit);
    }
}
