package io.pushmon.common.model;

import java.time.Instant;
import java.util.List;

/**
 * What the policy decided to tell the channels about an event; set on the records of {@code alerts}, absent on
 * {@code monitor-events}. A grouped notice speaks for several monitors: its event's monitor id is the group's id
 * ({@code group:<tenant>:<key>}) and its incident the group's incident number.
 *
 * @param kind           what happened
 * @param reminder       for a reminder, its number within the incident (1 for the first); 0 otherwise
 * @param acknowledgedBy for an acknowledgement, who acknowledged (the user's email or the API key's name)
 * @param group          for the grouped kinds, the group as it stands; null otherwise
 */
public record Notice(Kind kind, int reminder, String acknowledgedBy, Group group) {

    /** The kinds of notification the policy sends. */
    public enum Kind {
        /** A monitor went down (also at the end of a maintenance window, or released after an ingest storm). */
        DOWN,
        /** A monitor whose down was notified is up again. */
        UP,
        /** A monitor is still down and nobody acknowledged it. */
        REMINDER,
        /** Someone acknowledged the outage; reminders stop. */
        ACKNOWLEDGED,
        /** Several monitors of a group went down together: one notice for all of them. */
        GROUP_DOWN,
        /** More monitors joined an open group outage. */
        GROUP_JOINED,
        /** Every monitor of a group outage is up again. */
        GROUP_UP,
        /** To the operator: pushmon's own ingest fell while many monitors went down; their notices are held. */
        STORM_HELD,
        /** To the operator: ingest recovered and the held notices were released or dropped. */
        STORM_CLEARED
    }

    public static Notice of(Kind kind) {
        return new Notice(kind, 0, null, null);
    }

    /**
     * The part of the idempotency key that tells this notice from the others of the same incident; a plain down
     * and up keep the {@code down} and {@code up} they always had.
     */
    public String transition() {
        return switch (kind) {
            case DOWN -> "down";
            case UP -> "up";
            case REMINDER -> "reminder-" + reminder;
            case ACKNOWLEDGED -> "ack";
            case GROUP_DOWN -> "group-down";
            case GROUP_JOINED -> "group-joined-" + (group == null ? 0 : group.down());
            case GROUP_UP -> "group-up";
            case STORM_HELD -> "storm-held";
            case STORM_CLEARED -> "storm-cleared";
        };
    }

    /** True for the kinds that say something is wrong (as opposed to resolved or acknowledged). */
    public boolean alarming() {
        return switch (kind) {
            case DOWN, REMINDER, GROUP_DOWN, GROUP_JOINED, STORM_HELD -> true;
            case UP, ACKNOWLEDGED, GROUP_UP, STORM_CLEARED -> false;
        };
    }

    /**
     * A group outage as it stands.
     *
     * @param key     what the members share: a tag, or {@code *} for a tenant's untagged monitors
     * @param label   the group in words, e.g. "monitors tagged eu-west"
     * @param down    members down now
     * @param total   monitors in the group
     * @param members the members down (for {@link Kind#GROUP_UP}: those that were), by name
     * @param joined  for {@link Kind#GROUP_JOINED}, the members new since the last notice
     */
    public record Group(String key, String label, int down, int total, List<Member> members, List<Member> joined) {

        public Group {
            members = members == null ? List.of() : List.copyOf(members);
            joined = joined == null ? List.of() : List.copyOf(joined);
        }
    }

    /**
     * One monitor in a group notice.
     *
     * @param monitorId the monitor
     * @param name      its name
     * @param since     when it went down
     * @param lastMsg   the msg of its last push (nullable)
     */
    public record Member(String monitorId, String name, Instant since, String lastMsg) {
    }
}
