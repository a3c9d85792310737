package io.pushmon.gateway.monitors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.schedule.Schedules;
import io.pushmon.gateway.errors.ApiException;

/**
 * The body of {@code POST /api/monitors/{id}/backtest}: detection settings to try on the monitor's history. Every
 * field is optional and an omitted one is the monitor's current setting; ranges are those of {@link MonitorRequest}.
 *
 * @param timeoutSeconds    an interval to try instead of the current schedule
 * @param cron              a cron schedule to try instead of the current schedule
 * @param timeZone          the zone of {@code cron}, or of the current cron schedule when given alone
 * @param graceSeconds      the grace to try
 * @param maxRuntimeSeconds the run limit to try
 * @param failureThreshold  consecutive failures before down, 1 .. 100
 * @param recoveryThreshold consecutive good pushes before up, 1 .. 100
 */
public record BacktestRequest(
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
        @Min(value = 1, message = "maxRuntimeSeconds must be between 1 and 31536000 (365 days)")
        @Max(value = MonitorRequest.MAX_SECONDS, message = "maxRuntimeSeconds must be between 1 and 31536000 (365 days)")
        Long maxRuntimeSeconds,
        @Min(value = 1, message = "failureThreshold must be between 1 and 100")
        @Max(value = MonitorRequest.MAX_THRESHOLD, message = "failureThreshold must be between 1 and 100")
        Integer failureThreshold,
        @Min(value = 1, message = "recoveryThreshold must be between 1 and 100")
        @Max(value = MonitorRequest.MAX_THRESHOLD, message = "recoveryThreshold must be between 1 and 100")
        Integer recoveryThreshold) {

    /** No changes: the current settings alone. */
    static final BacktestRequest NONE = new BacktestRequest(null, null, null, null, null, null, null);

    /** The monitor's current settings as a rule. */
    static Backtests.Rule current(MonitorDefinition monitor) {
        return new Backtests.Rule(monitor.timeoutSeconds(), monitor.cron(), monitor.graceSeconds(),
                monitor.maxRuntimeSeconds(), monitor.alertPolicy().failureThreshold(),
                monitor.alertPolicy().recoveryThreshold());
    }

    /**
     * The proposed rule: the given fields over the monitor's current ones.
     *
     * @throws ApiException a 400 naming the problem: both timeoutSeconds and cron, a zone without any cron, a bad cron
     *         field, an unknown zone
     */
    Backtests.Rule over(MonitorDefinition monitor) {
        Backtests.Rule current = current(monitor);
        long timeout = current.timeoutSeconds();
        CronSchedule schedule = current.cron();
        if (timeoutSeconds != null && cron != null) {
            throw ApiException.badRequest("give timeoutSeconds or cron, not both");
        }
        if (timeoutSeconds != null) {
            if (timeZone != null) {
                throw ApiException.badRequest("timeZone goes with cron; an interval has no time zone");
            }
            timeout = timeoutSeconds;
            schedule = null;
        } else if (cron != null || timeZone != null) {
            if (cron == null && schedule == null) {
                throw ApiException.badRequest("timeZone goes with cron; this monitor runs on an interval");
            }
            schedule = parse(cron != null ? cron : schedule.expression(),
                    timeZone != null ? timeZone : schedule == null ? null : schedule.timeZone());
            timeout = 0;
        }
        return new Backtests.Rule(timeout, schedule, graceSeconds != null ? graceSeconds : current.graceSeconds(),
                maxRuntimeSeconds != null ? maxRuntimeSeconds : current.maxRuntimeSeconds(),
                failureThreshold != null ? failureThreshold : current.failureThreshold(),
                recoveryThreshold != null ? recoveryThreshold : current.recoveryThreshold());
    }

    private static CronSchedule parse(String expression, String zone) {
        try {
            return Schedules.parse(expression, zone);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
