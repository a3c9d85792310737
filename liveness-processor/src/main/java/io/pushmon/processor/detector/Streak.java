package io.pushmon.processor.detector;

import io.pushmon.common.model.AlertPolicy;

/**
 * A monitor's alert thresholds and how far it has come towards them: consecutive failures (missed deadlines, runs
 * that ran too long, down pushes) while it is not down, consecutive good pushes while it is. State written before
 * thresholds existed reads as thresholds 1/1 with nothing counted, which is how the detector behaved then.
 *
 * @param failureThreshold  consecutive failures that take the monitor down, at least 1
 * @param failures          failures counted since the last good push, below the threshold while not down
 * @param recoveryThreshold consecutive good pushes that bring a down monitor back up, at least 1
 * @param recoveries        good pushes counted since the monitor went down or last failed while down
 */
public record Streak(int failureThreshold, int failures, int recoveryThreshold, int recoveries) {

    /** Thresholds 1/1, nothing counted. */
    public static final Streak DEFAULT = new Streak(1, 0, 1, 0);

    public Streak {
        failureThreshold = Math.max(1, failureThreshold);
        recoveryThreshold = Math.max(1, recoveryThreshold);
        failures = Math.max(0, failures);
        recoveries = Math.max(0, recoveries);
    }

    /** The thresholds of the policy, nothing counted. */
    public static Streak of(AlertPolicy policy) {
        return DEFAULT.withPolicy(policy);
    }

    /**
     * The policy's thresholds with the counts kept: a lowered threshold takes effect at the next failure or good
     * push, as a definition never emits.
     */
    public Streak withPolicy(AlertPolicy policy) {
        return new Streak(policy.failureThreshold(), failures, policy.recoveryThreshold(), recoveries);
    }

    /** True when one more failure reaches the failure threshold. */
    public boolean failureIsDown() {
        return failures + 1 >= failureThreshold;
    }

    /** True when one more good push reaches the recovery threshold. */
    public boolean goodPushRecovers() {
        return recoveries + 1 >= recoveryThreshold;
    }

    /** One more failure counted, below the threshold. */
    public Streak failed() {
        return new Streak(failureThreshold, failures + 1, recoveryThreshold, 0);
    }

    /** One more good push counted while down, below the threshold. */
    public Streak recovering() {
        return new Streak(failureThreshold, 0, recoveryThreshold, recoveries + 1);
    }

    /** Nothing counted: after a good push while up, a new incident, a recovery or a resume. */
    public Streak cleared() {
        return failures == 0 && recoveries == 0 ? this : new Streak(failureThreshold, 0, recoveryThreshold, 0);
    }
}
