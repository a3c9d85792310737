package io.pushmon.processor.detector;

/**
 * When a monitor goes down if nothing arrives. Pluggable so cron schedules with a time zone can come later
 * without reshaping the stores: the state keeps only the base time and the resulting deadline.
 */
@FunctionalInterface
public interface DeadlineRule {

    /** Epoch millis of the deadline for a monitor whose silence is counted from {@code armedAt}. */
    long deadlineAfter(MonitorState state, long armedAt);

    /** The first rule: a fixed period (timeout) plus grace. */
    static DeadlineRule periodPlusGrace() {
        return (state, armedAt) -> {
            long silence = Math.multiplyExact(state.timeoutSeconds() + state.graceSeconds(), 1000L);
            return Math.addExact(armedAt, silence);
        };
    }
}
