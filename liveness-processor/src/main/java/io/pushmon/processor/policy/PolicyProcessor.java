package io.pushmon.processor.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jboss.logging.Logger;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.DetectorPulse;
import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.Notice;
import io.pushmon.common.model.PolicyInput;
import io.pushmon.processor.policy.OpenIncident.Hold;
import io.pushmon.processor.policy.PolicyTimers.Kind;

/**
 * Turns a tenant's status changes into notices: maintenance windows hold them, the storm guard holds them while
 * pushmon's own ingest is failing, correlated downs of a group become one notice, and notified downs get reminders
 * until they are acknowledged or recover. A down passes those stages in that order; each may stop it and let it go
 * on later from the next stage, by a timer ({@link PolicyTimers}) or when the storm ends.
 *
 * <p>Time here is the wall clock. Unlike the detector's deadlines, nothing in this step can declare an outage: it
 * only decides when to tell about one the detector declared by broker time.
 */
public final class PolicyProcessor implements Processor<String, PolicyInput, String, MonitorEvent> {

    private static final Logger LOG = Logger.getLogger(PolicyProcessor.class);
    private static final String GUARD_KEY = "guard";
    private static final int TIMER_BUDGET = 10_000;
    /** The assessment is reused for this long, so a storm's thousands of downs do not each read every pulse. */
    private static final long ASSESSMENT_REUSE_MILLIS = 250;
    /** A down waits for a storm to be confirmed at most this many confirm times after it was declared. */
    private static final int MAX_CONFIRMS = 3;

    /** Where a down goes next. */
    private enum Stage {
        MAINTENANCE, STORM, GROUPING
    }

    private final PolicySettings settings;
    private final PolicyMetrics metrics;
    private final StormGuard guard;
    private ProcessorContext<String, MonitorEvent> context;
    private KeyValueStore<String, PolicyInput.Membership> members;
    private KeyValueStore<String, OpenIncident> incidents;
    private KeyValueStore<String, GroupState> groups;
    private KeyValueStore<String, GuardState> guardStore;
    private ReadOnlyKeyValueStore<String, DetectorPulse> pulses;
    private PolicyTimers timers;
    private Maintenance maintenance;
    private GroupSizes sizes;
    private boolean reportsStorms;
    private StormGuard.Assessment assessment;
    private StormGuard.Verdict lastLogged = StormGuard.Verdict.NORMAL;
    private long assessedAt = Long.MIN_VALUE;

    public PolicyProcessor(PolicySettings settings, PolicyMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.guard = new StormGuard(settings.storm());
    }

    @Override
    public void init(ProcessorContext<String, MonitorEvent> processorContext) {
        context = processorContext;
        members = context.getStateStore(PolicyStore.MEMBERS.storeName());
        incidents = context.getStateStore(PolicyStore.INCIDENTS.storeName());
        groups = context.getStateStore(PolicyStore.GROUPS.storeName());
        guardStore = context.getStateStore(PolicyStore.GUARD.storeName());
        pulses = context.getStateStore(PolicyStore.PULSES.storeName());
        KeyValueStore<Bytes, byte[]> timerStore = context.getStateStore(PolicyStore.TIMERS.storeName());
        timers = new PolicyTimers(timerStore);
        ReadOnlyKeyValueStore<String, MaintenanceWindow> windows =
                context.getStateStore(PolicyStore.WINDOWS.storeName());
        maintenance = new Maintenance(windows);
        KeyValueStore<String, Long> sizeStore = context.getStateStore(PolicyStore.GROUP_SIZES.storeName());
        sizes = new GroupSizes(sizeStore);
        // Every task judges the storm alike from the same pulses; one of them tells the operator.
        reportsStorms = context.taskId().partition() == 0;
        if (guardState().active()) {
            metrics.stormStarted();
        }
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, PolicyInput> record) {
        PolicyInput input = record.value();
        if (input == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (input.membership() != null) {
            onMembership(input.membership(), now);
        } else if (input.event() != null) {
            onEvent(input.event(), now);
        } else if (input.ack() != null) {
            onAck(input.ack());
        }
    }

    @Override
    public void close() {
        if (guardStore != null && guardState().active()) {
            metrics.stormEnded();
        }
    }

    private void onMembership(PolicyInput.Membership member, long now) {
        String key = PolicyStore.key(member.tenantId(), member.monitorId());
        PolicyInput.Membership before = members.get(key);
        if (member.deleted()) {
            members.delete(key);
            OpenIncident open = incidents.get(key);
            if (open != null) {
                incidents.delete(key);
                if (open.groupKey() != null) {
                    leaveGroup(member.tenantId(), open.groupKey(), member.monitorId(), now);
                }
            }
        } else {
            members.put(key, member);
        }
        sizes.changed(member.tenantId(), before, member.deleted() ? null : member);
    }

    private void onEvent(MonitorEvent event, long now) {
        if (event.to() == MonitorStatus.DOWN) {
            onDown(event, now);
        } else if (event.to() == MonitorStatus.UP && event.from() == MonitorStatus.DOWN) {
            onRecovery(event, now);
        }
    }

    private void onDown(MonitorEvent event, long now) {
        String key = PolicyStore.key(event.tenantId(), event.monitorId());
        OpenIncident before = incidents.get(key);
        if (before != null) {
            if (before.incident() >= event.incident()) {
                return;
            }
            if (before.groupKey() != null) {
                leaveGroup(event.tenantId(), before.groupKey(), event.monitorId(), now);
            }
        }
        route(OpenIncident.of(event), Stage.MAINTENANCE, now);
    }

    private void onRecovery(MonitorEvent event, long now) {
        String key = PolicyStore.key(event.tenantId(), event.monitorId());
        OpenIncident open = incidents.get(key);
        if (open == null) {
            // A down from before this step existed (or before its state was kept) was notified the old way.
            emit(AlertFactory.monitor(event, Notice.of(Notice.Kind.UP), event.channelIds()));
            return;
        }
        if (open.incident() > event.incident()) {
            return;
        }
        incidents.delete(key);
        if (open.notified()) {
            emit(AlertFactory.monitor(event, Notice.of(Notice.Kind.UP), channels(open, member(key))));
        } else if (open.groupKey() != null) {
            leaveGroup(event.tenantId(), open.groupKey(), event.monitorId(), now);
        }
        // Held by a window or a storm, or dropped after one: its down was never told, so neither is this.
    }

    private void onAck(PolicyInput.Acknowledgement ack) {
        String key = PolicyStore.key(ack.tenantId(), ack.monitorId());
        OpenIncident open = incidents.get(key);
        if (open == null || open.incident() != ack.incident() || open.acknowledgedBy() != null) {
            return;
        }
        OpenIncident acknowledged = open.acknowledged(ack.by());
        incidents.put(key, acknowledged);
        boolean told = open.notified() || (open.groupKey() != null && groupNotified(ack.tenantId(), open.groupKey()));
        if (told) {
            emit(AlertFactory.monitor(open.down(), new Notice(Notice.Kind.ACKNOWLEDGED, 0, ack.by(), null),
                    channels(open, member(key))));
        }
    }

    /** Takes a down through the stages from {@code stage} on, until one holds it or it is notified. */
    private void route(OpenIncident incident, Stage stage, long now) {
        MonitorEvent down = incident.down();
        String key = PolicyStore.key(down.tenantId(), down.monitorId());
        PolicyInput.Membership member = members.get(key);
        List<String> tags = member == null ? List.of() : member.tags();
        if (stage == Stage.MAINTENANCE) {
            Optional<Instant> until = maintenance.coveredUntil(down.tenantId(), down.monitorId(), tags,
                    Instant.ofEpochMilli(now));
            if (until.isPresent()) {
                hold(key, incident, Hold.MAINTENANCE, until.get().toEpochMilli(), Kind.MAINTENANCE_END);
                return;
            }
        }
        if (stage != Stage.GROUPING) {
            if (guardState().active()) {
                hold(key, incident, Hold.STORM, 0, null);
                return;
            }
            if (stage == Stage.MAINTENANCE && verdict(now) == StormGuard.Verdict.INGEST_FALLING) {
                hold(key, incident, Hold.STORM, now + settings.storm().confirm().toMillis(), Kind.STORM_CONFIRM);
                return;
            }
        }
        String groupKey = GroupSizes.groupKey(tags);
        boolean groupable = settings.grouping() && member != null
                && (settings.groupUntagged() || !GroupSizes.UNTAGGED.equals(groupKey));
        if (groupable && sizes.size(down.tenantId(), groupKey) >= settings.groupingMinSize()) {
            joinGroup(key, incident, member, groupKey, now);
            return;
        }
        notifyAlone(key, incident, member, now);
    }

    private void hold(String key, OpenIncident incident, Hold why, long until, Kind timer) {
        incidents.put(key, incident.held(why, until));
        if (timer != null) {
            timers.add(until, timer, incident.down().tenantId(), incident.down().monitorId());
        }
        metrics.held(why);
    }

    private void notifyAlone(String key, OpenIncident incident, PolicyInput.Membership member, long now) {
        emit(AlertFactory.monitor(incident.down(), Notice.of(Notice.Kind.DOWN), channels(incident, member)));
        AlertPolicy policy = member == null ? AlertPolicy.DEFAULT : member.policy();
        long reminderAt = policy.mayRemind(incident.reminders()) && incident.acknowledgedBy() == null
                ? now + policy.reminderIntervalSeconds() * 1000 : 0;
        incidents.put(key, incident.notifiedAlone(reminderAt));
        if (reminderAt > 0) {
            timers.add(reminderAt, Kind.REMINDER, incident.down().tenantId(), incident.down().monitorId());
        }
    }

    private void joinGroup(String key, OpenIncident incident, PolicyInput.Membership member, String groupKey,
            long now) {
        MonitorEvent down = incident.down();
        String groupStoreKey = PolicyStore.key(down.tenantId(), groupKey);
        GroupState group = groups.get(groupStoreKey);
        group = group == null ? GroupState.idle(groupKey) : group;
        Notice.Member joining = new Notice.Member(down.monitorId(), down.monitorName(), down.at(), down.lastMsg());
        if (!group.open()) {
            long windowEnds = now + settings.groupingWindow().toMillis();
            group = group.opened(joining, member.channelIds(), now, windowEnds);
            timers.add(windowEnds, Kind.GROUP_CLOSE, down.tenantId(), groupKey);
        } else {
            boolean noJoinsPending = group.joined().isEmpty();
            group = group.with(joining, member.channelIds());
            if (group.notified() && noJoinsPending && !group.joined().isEmpty()) {
                timers.add(now + settings.groupingWindow().toMillis(), Kind.GROUP_JOINS, down.tenantId(), groupKey);
            }
        }
        groups.put(groupStoreKey, group);
        incidents.put(key, incident.inGroup(groupKey));
    }

    private void leaveGroup(String tenantId, String groupKey, String monitorId, long now) {
        String groupStoreKey = PolicyStore.key(tenantId, groupKey);
        GroupState group = groups.get(groupStoreKey);
        if (group == null || !group.contains(monitorId)) {
            return;
        }
        GroupState left = group.without(monitorId);
        if (!left.down().isEmpty()) {
            groups.put(groupStoreKey, left);
            return;
        }
        if (left.notified()) {
            emit(AlertFactory.group(tenantId, left, Notice.Kind.GROUP_UP, sizes.size(tenantId, groupKey), now));
        }
        groups.put(groupStoreKey, left.closed());
    }

    private void punctuate(long now) {
        stormTick(now);
        for (PolicyTimers.Timer timer : timers.due(now, TIMER_BUDGET)) {
            timers.remove(timer);
            fire(timer, now);
        }
    }

    private void fire(PolicyTimers.Timer timer, long now) {
        String key = PolicyStore.key(timer.tenantId(), timer.id());
        switch (timer.kind()) {
            case REMINDER -> remind(key, timer, now);
            case GROUP_CLOSE -> closeWindow(timer, now);
            case GROUP_JOINS -> tellJoins(timer, now);
            case MAINTENANCE_END -> {
                OpenIncident open = incidents.get(key);
                if (open != null && open.hold() == Hold.MAINTENANCE && open.holdUntil() == timer.due()) {
                    route(open.held(Hold.NONE, 0), Stage.MAINTENANCE, now);
                }
            }
            case STORM_CONFIRM -> {
                OpenIncident open = incidents.get(key);
                if (open != null && open.hold() == Hold.STORM && open.holdUntil() == timer.due()) {
                    confirmed(key, open, now);
                }
            }
        }
    }

    /**
     * A down held while ingest fell: held on in a storm; while ingest is still falling, held again, since the downs
     * that make a storm reach the pulses seconds after they reach this step, but for at most {@link #MAX_CONFIRMS}
     * confirm times in all; otherwise on to grouping.
     */
    private void confirmed(String key, OpenIncident open, long now) {
        OpenIncident released = open.held(Hold.NONE, 0);
        if (guardState().active()) {
            route(released, Stage.STORM, now);
            return;
        }
        long confirm = settings.storm().confirm().toMillis();
        boolean falling = verdict(now) == StormGuard.Verdict.INGEST_FALLING;
        if (falling && now - open.down().at().toEpochMilli() < MAX_CONFIRMS * confirm) {
            hold(key, open, Hold.STORM, now + confirm, Kind.STORM_CONFIRM);
            return;
        }
        route(released, Stage.GROUPING, now);
    }

    private void remind(String key, PolicyTimers.Timer timer, long now) {
        OpenIncident open = incidents.get(key);
        if (open == null || !open.notified() || open.acknowledgedBy() != null
                || open.nextReminderAt() != timer.due()) {
            return;
        }
        PolicyInput.Membership member = member(key);
        AlertPolicy policy = member == null ? AlertPolicy.DEFAULT : member.policy();
        if (!policy.mayRemind(open.reminders())) {
            return;
        }
        int number = open.reminders() + 1;
        emit(AlertFactory.monitor(open.down(), new Notice(Notice.Kind.REMINDER, number, null, null),
                channels(open, member)));
        long next = policy.mayRemind(number) ? now + policy.reminderIntervalSeconds() * 1000 : 0;
        incidents.put(key, open.reminded(next));
        if (next > 0) {
            timers.add(next, Kind.REMINDER, timer.tenantId(), timer.id());
        }
    }

    /** The gathering window of a group ended: one notice for all, or each alone when too few went down. */
    private void closeWindow(PolicyTimers.Timer timer, long now) {
        String groupStoreKey = PolicyStore.key(timer.tenantId(), timer.id());
        GroupState group = groups.get(groupStoreKey);
        if (group == null || !group.open() || group.notified() || group.windowEndsAt() != timer.due()) {
            return;
        }
        if (group.down().size() >= settings.groupingMinSize()) {
            GroupState notified = group.notifiedNow();
            emit(AlertFactory.group(timer.tenantId(), notified, Notice.Kind.GROUP_DOWN,
                    sizes.size(timer.tenantId(), timer.id()), now));
            groups.put(groupStoreKey, notified);
            return;
        }
        groups.put(groupStoreKey, group.closed());
        for (Notice.Member alone : group.down()) {
            String key = PolicyStore.key(timer.tenantId(), alone.monitorId());
            OpenIncident open = incidents.get(key);
            if (open != null && timer.id().equals(open.groupKey())) {
                notifyAlone(key, open, member(key), now);
            }
        }
    }

    private void tellJoins(PolicyTimers.Timer timer, long now) {
        String groupStoreKey = PolicyStore.key(timer.tenantId(), timer.id());
        GroupState group = groups.get(groupStoreKey);
        if (group == null || !group.notified() || group.joined().isEmpty()) {
            return;
        }
        emit(AlertFactory.group(timer.tenantId(), group, Notice.Kind.GROUP_JOINED,
                sizes.size(timer.tenantId(), timer.id()), now));
        groups.put(groupStoreKey, group.joinsTold());
    }

    /**
     * A storm begins when the pulses say so, and ends only when ingest is back near the rate it had before: the
     * count of recent downs falls after a minute by itself, and the moving baseline sinks toward the outage's rate,
     * while the cause may still be there. Once ingest is back, the held downs wait {@code storm.settle} more: the jobs
     * cut off push again at their next run, and a monitor whose recovery is still on its way must not be notified
     * down first.
     */
    private void stormTick(long now) {
        StormGuard.Assessment current = assess(now);
        if (reportsStorms && current.verdict() != lastLogged) {
            LOG.infof("Storm guard verdict: %s", current);
            lastLogged = current.verdict();
        }
        GuardState state = guardState();
        if (!state.active()) {
            if (current.verdict() == StormGuard.Verdict.STORM) {
                GuardState started = new GuardState(true, now, state.number() + 1, current.baseline(), 0);
                guardStore.put(GUARD_KEY, started);
                metrics.stormStarted();
                if (reportsStorms) {
                    LOG.warnf("Storm guard: holding down notices (%s)", current);
                    tellOperator(started, true, current, now);
                }
            }
            return;
        }
        boolean back = guard.over(current, state.baseline());
        if (state.settleUntil() == 0 && back) {
            guardStore.put(GUARD_KEY, state.settling(now + settings.storm().settle().toMillis()));
        } else if (state.settleUntil() > 0 && !back) {
            guardStore.put(GUARD_KEY, state.settling(0));
        } else if (state.settleUntil() > 0 && now >= state.settleUntil()) {
            GuardState ended = state.ended();
            guardStore.put(GUARD_KEY, ended);
            guard.stormEnded();
            metrics.stormEnded();
            int released = releaseHeld(now);
            if (reportsStorms) {
                LOG.warnf("Storm guard: ingest recovered (%s); held downs %s", current,
                        settings.storm().releaseStillDown() ? "still down are notified" : "are dropped");
                tellOperator(ended, false, current, now);
            }
            LOG.debugf("Storm guard released %d held downs of task %s", released, context.taskId());
        }
    }

    private void tellOperator(GuardState state, boolean held, StormGuard.Assessment why, long now) {
        PolicySettings.Storm storm = settings.storm();
        if (storm.operatorTenant().isPresent() && storm.operatorChannel().isPresent()) {
            emit(AlertFactory.storm(storm.operatorTenant().get(), storm.operatorChannel().get(), state, held,
                    why.toString(), now));
        }
    }

    private int releaseHeld(long now) {
        List<KeyValue<String, OpenIncident>> held = new ArrayList<>();
        try (KeyValueIterator<String, OpenIncident> it = incidents.all()) {
            while (it.hasNext()) {
                KeyValue<String, OpenIncident> next = it.next();
                if (next.value.hold() == Hold.STORM) {
                    held.add(next);
                }
            }
        }
        for (KeyValue<String, OpenIncident> entry : held) {
            if (settings.storm().releaseStillDown()) {
                route(entry.value.held(Hold.NONE, 0), Stage.GROUPING, now);
            } else {
                incidents.put(entry.key, entry.value.dropped());
            }
        }
        return held.size();
    }

    private StormGuard.Verdict verdict(long now) {
        return assess(now).verdict();
    }

    private StormGuard.Assessment assess(long now) {
        if (assessment == null || now - assessedAt >= ASSESSMENT_REUSE_MILLIS || now < assessedAt) {
            List<DetectorPulse> all = new ArrayList<>();
            try (KeyValueIterator<String, DetectorPulse> it = pulses.all()) {
                it.forEachRemaining(kv -> all.add(kv.value));
            }
            assessment = guard.assess(all, now);
            assessedAt = now;
        }
        return assessment;
    }

    private GuardState guardState() {
        GuardState state = guardStore.get(GUARD_KEY);
        return state == null ? GuardState.CALM : state;
    }

    private boolean groupNotified(String tenantId, String groupKey) {
        GroupState group = groups.get(PolicyStore.key(tenantId, groupKey));
        return group != null && group.notified();
    }

    private PolicyInput.Membership member(String key) {
        return members.get(key);
    }

    private static List<String> channels(OpenIncident incident, PolicyInput.Membership member) {
        return member != null ? member.channelIds() : incident.down().channelIds();
    }

    private void emit(MonitorEvent alert) {
        long now = context.currentSystemTimeMs();
        context.forward(new Record<>(alert.monitorId(), alert, now));
        metrics.sent(alert.notice().kind());
    }
}
