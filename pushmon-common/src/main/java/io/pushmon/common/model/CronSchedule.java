package io.pushmon.common.model;

/**
 * A cron schedule: when a job is expected to run. The math lives in {@code io.pushmon.common.schedule.Schedules}.
 *
 * @param expression a 5-field crontab line (minute hour day-of-month month day-of-week) or a macro such as
 *                   {@code @daily}, as the owner wrote it
 * @param timeZone   the IANA time zone the fields are read in, e.g. {@code Europe/Berlin}
 */
public record CronSchedule(String expression, String timeZone) {
}
