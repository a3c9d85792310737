package io.pushmon.common.model;

/**
 * How a monitor's outages become notifications, as its owner set it. Thresholds are applied by the detector (the
 * monitor is not down before them); reminders by the policy step after it.
 *
 * @param failureThreshold        consecutive failed runs or missed deadlines before the monitor is down (at least 1)
 * @param recoveryThreshold       consecutive good pushes before a down monitor is up again (at least 1)
 * @param reminderIntervalSeconds while down and not acknowledged, notify again this often; 0 means never
 * @param reminderLimit           at most this many reminders per incident; 0 with an interval means no limit
 */
public record AlertPolicy(int failureThreshold, int recoveryThreshold, long reminderIntervalSeconds,
        int reminderLimit) {

    /** One failure takes the monitor down, one good push brings it back, no reminders: what pushmon always did. */
    public static final AlertPolicy DEFAULT = new AlertPolicy(1, 1, 0, 0);

    public AlertPolicy {
        failureThreshold = Math.max(1, failureThreshold);
        recoveryThreshold = Math.max(1, recoveryThreshold);
        reminderIntervalSeconds = Math.max(0, reminderIntervalSeconds);
        reminderLimit = Math.max(0, reminderLimit);
    }

    /** True when reminders are on. */
    public boolean reminds() {
        return reminderIntervalSeconds > 0;
    }

    /** True when one more reminder may go out after {@code sent} of them. */
    public boolean mayRemind(int sent) {
        return reminds() && (reminderLimit == 0 || sent < reminderLimit);
    }
}
