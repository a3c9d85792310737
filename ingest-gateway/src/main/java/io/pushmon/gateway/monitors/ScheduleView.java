package io.pushmon.gateway.monitors;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.schedule.Schedules;

/**
 * What a monitor's schedule means, so its owner sees what they configured: in words, and for a cron schedule its
 * next expected runs.
 *
 * @param description  e.g. "at 03:00 (Europe/Berlin)" or "a push at least every 60 seconds"
 * @param nextExpected the next {@value #NEXT_RUNS} expected runs of a cron schedule; none for an interval, whose
 *                     next deadline follows from the last push ({@code nextDeadlineAt})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleView(String description, List<Instant> nextExpected) {

    static final int NEXT_RUNS = 5;

    static ScheduleView of(long timeoutSeconds, CronSchedule cron, Instant now) {
        if (cron == null) {
            return new ScheduleView("a push at least every " + timeoutSeconds + " seconds", null);
        }
        return new ScheduleView(Schedules.describe(cron), Schedules.next(cron, now, NEXT_RUNS));
    }
}
