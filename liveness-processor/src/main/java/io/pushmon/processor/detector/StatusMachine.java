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
     * as silence, and forgets the runs started before it, whose time ran on while nobody watched, and the failures or
     * recoveries counted before it; a changed timeout, grace or run limit recomputes the pending deadline at once, and
     * changed thresholds apply from the next failure or good push.
     */
    public Transition onDefinition(MonitorState previous, MonitorDefinition definition, long resumedAt) {
        if (previous == null) {
            return Transition.quiet(MonitorState.created(definition));
        }
        MonitorState next = previous.withDefinition(definition);
        boolean resumed = previous.paused() && !next.paused();
        if (resumed) {
            next = next.withRuns(List.of()).withStreak(next.streak().cleared());
        }
        long base = resumed ? Math.max(orZero(previous.lastHeartbeatAt()), resumedAt) : orZero(previous.armedAt());
        return Transition.quiet(arm(next, base));
    }

    /**
     * A signal at broker time {@code at}. A log is only counted. A start opens a run that must end within the run
     * limit. An up or down push ends the run it pairs with and is otherwise a heartbeat: while paused it is recorded
     * but changes nothing else; a down push is a failure (see {@link #onFailedPush}); an up push is a good one (see
     * {@link #onGoodPush}).
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
        return status == PushStatus.DOWN ? onFailedPush(previous, recorded, at) : onGoodPush(previous, recorded, at);
    }

    /**
     * A down push opens an incident once it is the failure threshold's consecutive failure, and unless one is open (so
     * the later deadline cannot add a second down; while recovering it starts the count again). Below the threshold
     * the monitor is up and failing: the job ran, so its next run is expected as after any push.
     */
    private Transition onFailedPush(MonitorState previous, MonitorState recorded, long at) {
        Streak streak = recorded.streak();
        if (recorded.status() == MonitorStatus.DOWN) {
            return Transition.quiet(recorded.withStreak(streak.cleared()).armed(null, null));
        }
        if (!streak.failureIsDown()) {
            MonitorState live = recorded.status() == MonitorStatus.NEW ? recorded.cameUp() : recorded;
            return Transition.quiet(arm(live.withStreak(streak.failed()), at));
        }
        MonitorState down = recorded.wentDown(at);
        return Transition.emitting(down, event(previous.status(), down, EventReason.REPORTED_DOWN, at, null));
    }

    /**
     * An up push ends the failures counted and arms the next deadline. On a down monitor it closes the incident once
     * it is the recovery threshold's consecutive good push; before that the monitor stays down and recovering, with a
     * deadline for the next good push, so a silence breaks the count as a failure does.
     */
    private Transition onGoodPush(MonitorState previous, MonitorState recorded, long at) {
        if (previous.status() != MonitorStatus.DOWN) {
            return Transition.quiet(arm(recorded.cameUp(), at));
        }
        if (!recorded.streak().goodPushRecovers()) {
            return Transition.quiet(arm(recorded.withStreak(recorded.streak().recovering()), at));
        }
        MonitorState up = arm(recorded.cameUp(), at);
        return Transition.emitting(up, event(MonitorStatus.DOWN, up, EventReason.RECOVERED, at, previous.downSince()));
    }

    /**
     * The pending deadline passed unanswered: the expected heartbeat did not come, or a started run did not end in
     * time (then the runs overdue at the deadline are dropped, so a recovery does not find them and go down again).
     * That is a failure; once it is the failure threshold's consecutive one the monitor goes down, and the event's
     * time is the deadline itself, not the moment the detector noticed, so the reported outage does not depend on
     * detection delay. Below the threshold the monitor stays up and failing, and waits one period more: a missed
     * heartbeat re-arms from the time it was expected (the deadline less grace), so the next deadline is the next
     * expected one plus grace; a run that ran too long re-arms from its limit. On a recovering monitor the silence
     * ends the count of good pushes.
     */
    public Transition onDeadline(MonitorState previous) {
        long deadline = previous.deadline();
        Long runDeadline = previous.runDeadline();
        boolean ranTooLong = runDeadline != null && runDeadline <= deadline;
        if (!previous.paused() && previous.status() == MonitorStatus.DOWN && previous.streak().recoveries() > 0) {
            return Transition.quiet(arm(previous.withStreak(previous.streak().cleared()), null));
        }
        boolean due = switch (previous.status()) {
            case UP -> true;
            case NEW -> ranTooLong;
            case DOWN, PAUSED, STARTED -> false;
        };
        if (previous.paused() || !due) {
            return Transition.quiet(previous.armed(null, null));
        }
        MonitorState state = ranTooLong ? previous.withRuns(notOverdue(previous, deadline)) : previous;
        if (!state.streak().failureIsDown()) {
            long base = ranTooLong ? deadline : Math.subtractExact(deadline, Math.multiplyExact(state.graceSeconds(),
                    1000L));
            return Transition.quiet(arm(state.withStreak(state.streak().failed()), base));
        }
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
     * The deadline that fits the state: none while paused, down and not recovering, or new with nothing started; the
     * oldest open run's limit while a run is open (a start answers the expected run, and the run must then end in
     * time); otherwise, also for a run on a monitor without grace or run limit, the schedule's deadline counted from
     * {@code base}.
     */
    private MonitorState arm(MonitorState state, Long base) {
        if (state.paused() || state.status() == MonitorStatus.DOWN && state.streak().recoveries() == 0) {
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
