package io.pushmon.processor.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.pushmon.common.model.Notice;

/**
 * One group of a tenant (a tag, or its untagged monitors) as the grouping sees it. The record stays after an
 * outage ends, so the next one gets the next incident number.
 *
 * @param key          the group key
 * @param incident     the number of the current or last group outage
 * @param open         an outage is being gathered or was notified and is not over
 * @param notified     its GROUP_DOWN went out
 * @param windowEndsAt while gathering, when the window closes (epoch millis)
 * @param down         members down now
 * @param joined       members that joined since the last notice
 * @param everDown     every member that was down in this outage, for the recovery summary
 * @param channelIds   every channel of those members
 * @param openedAt     when the outage began (epoch millis)
 */
public record GroupState(String key, long incident, boolean open, boolean notified, long windowEndsAt,
        List<Notice.Member> down, List<Notice.Member> joined, List<Notice.Member> everDown, List<String> channelIds,
        long openedAt) {

    public GroupState {
        down = List.copyOf(down == null ? List.of() : down);
        joined = List.copyOf(joined == null ? List.of() : joined);
        everDown = List.copyOf(everDown == null ? List.of() : everDown);
        channelIds = List.copyOf(channelIds == null ? List.of() : channelIds);
    }

    public static GroupState idle(String key) {
        return new GroupState(key, 0, false, false, 0, List.of(), List.of(), List.of(), List.of(), 0);
    }

    /** A new outage of this group starting with its first member, gathering until {@code windowEndsAt}. */
    public GroupState opened(Notice.Member first, List<String> channels, long now, long windowEnds) {
        return new GroupState(key, incident + 1, true, false, windowEnds, List.of(first), List.of(), List.of(first),
                channels, now);
    }

    /** Another member down; while notified it also counts as joined. */
    public GroupState with(Notice.Member member, List<String> channels) {
        if (down.stream().anyMatch(m -> m.monitorId().equals(member.monitorId()))) {
            return this;
        }
        List<Notice.Member> nextJoined = notified ? append(joined, member) : joined;
        Set<String> nextChannels = new LinkedHashSet<>(channelIds);
        nextChannels.addAll(channels);
        // A member that recovered and failed again within the same outage is listed once in the summary.
        boolean known = everDown.stream().anyMatch(m -> m.monitorId().equals(member.monitorId()));
        return new GroupState(key, incident, open, notified, windowEndsAt, append(down, member), nextJoined,
                known ? everDown : append(everDown, member), List.copyOf(nextChannels), openedAt);
    }

    /** A member is up again (or its monitor was deleted). */
    public GroupState without(String monitorId) {
        List<Notice.Member> everDownNow = notified ? everDown
                : everDown.stream().filter(m -> !m.monitorId().equals(monitorId)).toList();
        return new GroupState(key, incident, open, notified, windowEndsAt,
                down.stream().filter(m -> !m.monitorId().equals(monitorId)).toList(),
                joined.stream().filter(m -> !m.monitorId().equals(monitorId)).toList(), everDownNow, channelIds,
                openedAt);
    }

    public GroupState notifiedNow() {
        return new GroupState(key, incident, true, true, 0, down, List.of(), everDown, channelIds, openedAt);
    }

    public GroupState joinsTold() {
        return new GroupState(key, incident, open, notified, windowEndsAt, down, List.of(), everDown, channelIds,
                openedAt);
    }

    public GroupState closed() {
        return new GroupState(key, incident, false, false, 0, List.of(), List.of(), List.of(), List.of(), 0);
    }

    public boolean contains(String monitorId) {
        return down.stream().anyMatch(m -> m.monitorId().equals(monitorId));
    }

    private static List<Notice.Member> append(List<Notice.Member> members, Notice.Member member) {
        List<Notice.Member> next = new ArrayList<>(members.size() + 1);
        next.addAll(members);
        next.add(member);
        return next;
    }
}
