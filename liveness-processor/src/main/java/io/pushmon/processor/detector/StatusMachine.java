package io.pushmon.processor.detector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

/**
 * The status machine of issue 3 as pure functions of (state, input). The processors only load and store;
 * every rule about when a monitor is up, down or silent lives here.
 */
public final class StatusMachine {

    private final DeadlineRule rule;

    public StatusMachine(DeadlineRule rule) {
        this.rule = rule;
    }

    /**
     * A new or changed definition. It never emits: pausing, resuming and reconfiguring are the owner's
     * actions, not outages. A resume re-arms from {@code resumedAt}, so the time spent paused never counts
     * as silence; a changed timeout or grace recomputes the pending deadline at once.
     */
    public Transition onDefinition(MonitorState previous, MonitorDefinition definition, long resumedAt) {
        if (previous == null) {
            return Transition.quiet(MonitorState.created(definition));
        }
        MonitorState next = previous.withDefinition(definition);
        if (next.paused() || next.status() != MonitorStatus.UP) {
            return Transition.quiet(next.armed(null, null));
        }
        long base = previous.paused() ? Math.max(orZero(previous.lastHeartbeatAt()), resumedAt)
                : orZero(previous.armedAt());
        return Transition.quiet(next.armed(base, rule.deadlineAfter(next, base)));
    }

    /**
     * A push at broker time {@code at}. While paused it is recorded but changes nothing else. A down push
     * opens an incident unless one is open (so the later deadline cannot add a second down); an up push
     * closes an open incident and arms the next deadline.
     */
    public Transition onPush(MonitorState previous, Heartbeat push, long at) {
        MonitorState recorded = previous.withPush(at, push.msg(), push.value());
        if (recorded.paused()) {
            return Transition.quiet(recorded);
        }
        if (push.status() == PushStatus.DOWN) {
            if (recorded.status() == MonitorStatus.DOWN) {
                return Transition.quiet(recorded.armed(null, null));
            }
            MonitorState down = recorded.wentDown(at);
            return Transition.emitting(down, event(previous.status(), down, EventReason.REPORTED_DOWN, at, null));
        }
        MonitorState up = recorded.cameUp();
        up = up.armed(at, rule.deadlineAfter(up, at));
        if (previous.status() == MonitorStatus.DOWN) {
            return Transition.emitting(up,
                    event(MonitorStatus.DOWN, up, EventReason.RECOVERED, at, previous.downSince()));
        }
        return Transition.quiet(up);
    }

    /**
     * The pending deadline passed unanswered. The event's time is the deadline itself, not the moment the
     * detector noticed, so the reported outage does not depend on detection delay.
     */
    public Transition onDeadline(MonitorState previous) {
        long deadline = previous.deadline();
        return switch (previous.status()) {
            case UP -> {
                MonitorState down = previous.wentDown(deadline);
                yield Transition.emitting(down, event(MonitorStatus.UP, down, EventReason.TIMEOUT, deadline, null));
            }
            case NEW, DOWN, PAUSED -> Transition.quiet(previous.armed(null, null));
        };
    }

    private static MonitorEvent event(MonitorStatus from, MonitorState after, EventReason reason, long at,
            Long downSince) {
        MonitorStatus to = after.status();
        Long since = to == MonitorStatus.DOWN ? null : downSince;
        return new MonitorEvent(eventId(after.monitorId(), after.incident(), to), after.monitorId(),
                after.tenantId(), after.name(), from, to, reason, Instant.ofEpochMilli(at), after.incident(),
                since == null ? null : Instant.ofEpochMilli(since),
                after.lastHeartbeatAt() == null ? null : Instant.ofEpochMilli(after.lastHeartbeatAt()),
                after.lastMsg(), after.lastValue(), after.channelIds());
    }

    /**
     * Derived from (monitor, incident, transition) only, so a replay after a crash or a rebuilt state
     * produces the same id and receivers can recognise the duplicate.
     */
    public static String eventId(String monitorId, long incident, MonitorStatus to) {
        String name = monitorId + '\n' + incident + '\n' + to.wireName();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static long orZero(Long value) {
        return value == null ? 0L : value;
    }
}
