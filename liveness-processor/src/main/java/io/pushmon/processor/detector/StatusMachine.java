package io.pushmon.processor.detector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

/**
 * The status machine as pure functions of (state, input): heartbeats, runs and deadlines. The processors only load
 * and store; every rule about when a monitor is up, down, started or silent lives here.
 */
public final class StatusMachine {

    private final DeadlineRule rule;

    public StatusMachine(DeadlineRule rule) {
        this.rule = rule;
    }

    /**
     * A new or changed definition. It never emits: pausing, resuming and reconfiguring are the owner's
     * actions, not outages. A resume re-arms from {@code resumedAt}, so the time spent paused never counts
     * as silence, and forgets the runs started before it, whose time ran on while nobody watched; a changed
     * timeout, grace or run limit recomputes the pending deadline at once.
     */
    public Transition onDefinition(MonitorState previous, MonitorDefinition definition, long resumedAt) {
        if (previous == null) {
            return Transition.quiet(MonitorState.created(definition));
        }
        MonitorState next = previous.withDefinition(definition);
        boolean resumed = previous.paused() && !next.paused();
        if (resumed) {
            next = next.withRuns(List.of());
        }
        long base = resumed ? Math.max(orZero(previous.lastHeartbeatAt()), resumedAt) : orZero(previous.armedAt());
        return Transition.quiet(arm(next, base));
    }

    /**
     * A signal at broker time {@code at}. A log is only counted. A start opens a run that must end within the run
     * limit. An up or down push ends the run it pairs with and is otherwise a heartbeat: while paused it is recorded
     * but changes nothing else; a down push opens an incident unless one is open (so the later deadline cannot add a
     * second down); an up push closes an open incident and arms the next deadline.
     */
    public Transition onPush(MonitorState previous, Heartbeat push, long at) {
        return switch (push.status()) {
            case LOG -> Transition.quiet(previous.counted());
            case START -> Transition.quiet(arm(previous.counted().withRuns(started(previous.runs(), push.rid(), at)),
                    previous.armedAt()));
            case UP, DOWN -> onRunEnd(previous, push, at);
        };
    }

    private Transition onRunEnd(MonitorState previous, Heartbeat push, long at) {
        Optional<OpenRun> run = pairedRun(previous.runs(), push.rid());
        Long duration = run.map(r -> at - r.startedAt()).orElse(null);
        List<OpenRun> remaining = run.map(r -> without(previous.runs(), r)).orElse(previous.runs());
        MonitorState recorded = previous.withPush(at, push.msg(), push.value()).withRuns(remaining)
                .withRunOutcome(duration, push.exitStatus());
        return onHeartbeat(previous, recorded, push.status(), at).withRunDuration(duration);
    }

    private Transition onHeartbeat(MonitorState previous, MonitorState recorded, PushStatus status, long at) {
        if (recorded.paused()) {
            return Transition.quiet(recorded);
        }
        if (status == PushStatus.DOWN) {
            if (recorded.status() == MonitorStatus.DOWN) {
                return Transition.quiet(recorded.armed(null, null));
            }
            MonitorState down = recorded.wentDown(at);
            return Transition.emitting(down, event(previous.status(), down, EventReason.REPORTED_DOWN, at, null));
        }
        MonitorState up = arm(recorded.cameUp(), at);
        if (previous.status() == MonitorStatus.DOWN) {
            return Transition.emitting(up,
                    event(MonitorStatus.DOWN, up, EventReason.RECOVERED, at, previous.downSince()));
        }
        return Transition.quiet(up);
    }

    /**
     * The pending deadline passed unanswered: the expected heartbeat did not come, or a started run did not end in
     * time (then the runs overdue at the deadline are dropped, so a recovery does not find them and go down again).
     * The event's time is the deadline itself, not the moment the detector noticed, so the reported outage does not
     * depend on detection delay.
     */
    public Transition onDeadline(MonitorState previous) {
        long deadline = previous.deadline();
        Long runDeadline = previous.runDeadline();
        boolean ranTooLong = runDeadline != null && runDeadline <= deadline;
        boolean due = switch (previous.status()) {
            case UP -> true;
            case NEW -> ranTooLong;
            case DOWN, PAUSED, STARTED -> false;
        };
        if (previous.paused() || !due) {
            return Transition.quiet(previous.armed(null, null));
        }
        MonitorState state = ranTooLong ? previous.withRuns(notOverdue(previous, deadline)) : previous;
        MonitorState down = state.wentDown(deadline);
        return Transition.emitting(down, event(previous.status(), down, EventReason.TIMEOUT, deadline, null));
    }

    /**
     * The state of a monitor whose deadline fell inside an ingest gap from {@code gapFrom} to {@code gapTo}. It keeps
     * the slack it had left when the gap began: its deadline moves later by the gap's length. A cron monitor waiting
     * for its next run gets at least that run: a cron job reports once per run, so a report our ingest path lost comes
     * again only one period later, and the slack alone would page it for pushmon's own outage.
     */
    public MonitorState afterIngestGap(MonitorState state, long gapFrom, long gapTo) {
        long shifted = Math.addExact(state.deadline(), gapTo - gapFrom);
        if (state.cron() == null || state.runDeadline() != null) {
            return state.withDeadline(shifted);
        }
        return state.withDeadline(Math.max(shifted, rule.deadlineAfter(state, gapTo)));
    }

    /**
     * The deadline that fits the state: none while paused, down, or new with nothing started; the oldest open run's
     * limit while a run is open (a start answers the expected run, and the run must then end in time); otherwise,
     * also for a run on a monitor without grace or run limit, the schedule's deadline counted from {@code base}.
     */
    private MonitorState arm(MonitorState state, Long base) {
        if (state.paused() || state.status() == MonitorStatus.DOWN) {
            return state.armed(null, null);
        }
        Long runDeadline = state.runDeadline();
        if (runDeadline != null) {
            return state.armed(base, runDeadline);
        }
        if (state.status() == MonitorStatus.NEW || base == null) {
            return state.armed(null, null);
        }
        return state.armed(base, rule.deadlineAfter(state, base));
    }

    /**
     * The open runs after a start. A start without a run id replaces an earlier one without, as Healthchecks keeps
     * one start per check: without ids, runs cannot overlap. A start repeating a run id restarts that run.
     */
    private static List<OpenRun> started(List<OpenRun> runs, String rid, long at) {
        List<OpenRun> next = new ArrayList<>(runs.size() + 1);
        for (OpenRun run : runs) {
            if (!Objects.equals(run.rid(), rid)) {
                next.add(run);
            }
        }
        next.add(new OpenRun(rid, at));
        return next.size() > MonitorState.MAX_OPEN_RUNS ? next.subList(next.size() - MonitorState.MAX_OPEN_RUNS,
                next.size()) : next;
    }

    /** The run an end belongs to: the one with its run id, or without one the start that had none. */
    private static Optional<OpenRun> pairedRun(List<OpenRun> runs, String rid) {
        return runs.stream().filter(run -> Objects.equals(run.rid(), rid)).findFirst();
    }

    private static List<OpenRun> without(List<OpenRun> runs, OpenRun ended) {
        return runs.stream().filter(run -> run != ended).toList();
    }

    private static List<OpenRun> notOverdue(MonitorState state, long at) {
        long limit = state.runLimitMillis();
        return state.runs().stream().filter(run -> run.startedAt() + limit > at).toList();
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
