package io.pushmon.processor.detector;

import java.time.Instant;

import io.pushmon.common.schedule.Schedules;

/**
 * When a monitor goes down if nothing arrives. The state keeps only the base time and the resulting deadline, and
 * the rule is evaluated when a heartbeat or a definition arrives, never by scanning idle monitors.
 */
@FunctionalInterface
public interface DeadlineRule {

    /** Epoch millis of the deadline for a monitor whose silence is counted from {@code armedAt}. */
    long deadlineAfter(MonitorState state, long armedAt);

    /** A fixed period (timeout) plus grace. */
    static DeadlineRule periodPlusGrace() {
        return (state, armedAt) -> {
            long silence = Math.multiplyExact(state.timeoutSeconds() + state.graceSeconds(), 1000L);
            return Math.addExact(armedAt, silence);
        };
    }

    /**
     * The monitor's own schedule: a cron monitor is due at its first expected run after {@code armedAt} plus grace
     * (a run expected at T and not reported by T + grace is missed); any other at period plus grace.
     */
    static DeadlineRule bySchedule() {
        DeadlineRule period = periodPlusGrace();
        return (state, armedAt) -> {
            if (state.cron() == null) {
                return period.deadlineAfter(state, armedAt);
            }
            long expected = Schedules.nextAfter(state.cron(), Instant.ofEpochMilli(armedAt))
                    .orElseThrow(() -> new IllegalStateException("the schedule of " + state.monitorId()
                            + " runs no more"))
                    .toEpochMilli();
            return Math.addExact(expected, Math.multiplyExact(state.graceSeconds(), 1000L));
        };
    }
}
