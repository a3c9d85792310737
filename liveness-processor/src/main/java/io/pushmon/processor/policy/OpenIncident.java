package io.pushmon.processor.policy;

import io.pushmon.common.model.MonitorEvent;

/**
 * What the policy remembers of a monitor that is down: how its down was (or is not yet) notified.
 *
 * @param down           the down event as the detector wrote it
 * @param hold           why its notice waits, NONE once it was sent or handed to a group
 * @param holdUntil      for a timed hold, when it is looked at again (epoch millis), else 0
 * @param groupKey       the group it belongs to, or null when notified on its own
 * @param notified       its own DOWN notice went out, so recovery, acknowledgement and reminders go out too
 * @param reminders      reminders sent so far
 * @param nextReminderAt when the next reminder is due (epoch millis), 0 for none
 * @param acknowledgedBy who acknowledged it, null while nobody did
 */
public record OpenIncident(MonitorEvent down, Hold hold, long holdUntil, String groupKey, boolean notified,
        int reminders, long nextReminderAt, String acknowledgedBy) {

    /** Why a down's notice waits. */
    public enum Hold {
        NONE,
        /** A maintenance window covers the monitor; looked at again when the window ends. */
        MAINTENANCE,
        /** Ingest fell; looked at again after the confirm time (holdUntil) or, in a storm, when it ends (0). */
        STORM
    }

    public static OpenIncident of(MonitorEvent down) {
        return new OpenIncident(down, Hold.NONE, 0, null, false, 0, 0, null);
    }

    public long incident() {
        return down.incident();
    }

    public OpenIncident held(Hold why, long until) {
        return new OpenIncident(down, why, until, groupKey, notified, reminders, nextReminderAt, acknowledgedBy);
    }

    public OpenIncident inGroup(String key) {
        return new OpenIncident(down, Hold.NONE, 0, key, false, reminders, nextReminderAt, acknowledgedBy);
    }

    public OpenIncident notifiedAlone(long reminderAt) {
        return new OpenIncident(down, Hold.NONE, 0, null, true, reminders, reminderAt, acknowledgedBy);
    }

    public OpenIncident reminded(long reminderAt) {
        return new OpenIncident(down, hold, holdUntil, groupKey, notified, reminders + 1, reminderAt,
                acknowledgedBy);
    }

    public OpenIncident acknowledged(String by) {
        return new OpenIncident(down, hold, holdUntil, groupKey, notified, reminders, 0, by);
    }

    /** Dropped after a storm: nothing was said, so nothing will be said about its recovery either. */
    public OpenIncident dropped() {
        return new OpenIncident(down, Hold.NONE, 0, null, false, reminders, 0, acknowledgedBy);
    }
}
