package io.pushmon.processor.backtest;

import java.util.ArrayList;
import java.util.List;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.processor.detector.DeadlineRule;
import io.pushmon.processor.detector.HeartbeatEntry;
import io.pushmon.processor.detector.MonitorState;
import io.pushmon.processor.detector.StatusMachine;
import io.pushmon.processor.detector.Transition;

/**
 * What a detection rule would have done with a monitor's retained signals: they are replayed through a fresh
 * {@link StatusMachine} with the rule, as the detector would have seen them, and every deadline that falls between
 * two signals fires before the later one. It reads nothing and writes nothing, so a backtest changes nothing.
 *
 * <p>The replay starts from a monitor that was never pushed, as the signals before the oldest retained one are gone;
 * pauses are not in the history, so it watches throughout. At the end only deadlines up to {@code now}, the time up to
 * which the processor has read the monitor's partition, fire: time not yet read declares no down here either.
 */
public final class Backtest {

    private final StatusMachine machine = new StatusMachine(DeadlineRule.bySchedule());

    /**
     * @param monitorId the monitor
     * @param rule      the rule to replay with
     * @param signals   the retained signals, oldest first
     * @param now       how far the monitor's partition has been read, epoch millis
     * @return the incidents the rule would have opened, oldest first; the last one without end if it is still open
     */
    public List<Backtests.Incident> replay(String monitorId, Backtests.Rule rule, List<HeartbeatEntry> signals,
            long now) {
        MonitorDefinition watched = definition(monitorId, rule);
        long start = signals.isEmpty() ? now : signals.get(0).at();
        MonitorState state = machine.onDefinition(null, watched, start).state();
        Incidents incidents = new Incidents();
        for (HeartbeatEntry signal : signals) {
            // A push at its deadline's very millisecond is in time, as the detector reads it before the cutoff gets
            // there.
            state = fireDeadlines(state, signal.at() - 1, incidents);
            Transition pushed = machine.onPush(state, heartbeat(signal), signal.at());
            pushed.event().ifPresent(incidents::add);
            state = pushed.state();
        }
        fireDeadlines(state, now, incidents);
        return incidents.list;
    }

    /**
     * Fires the deadlines due by {@code until}. Each one either disarms the monitor or re-arms it later, and a
     * monitor below its failure threshold goes down after at most that many, so the loop ends.
     */
    private MonitorState fireDeadlines(MonitorState state, long until, Incidents incidents) {
        MonitorState current = state;
        while (current.deadline() != null && current.deadline() <= until) {
            Transition fired = machine.onDeadline(current);
            fired.event().ifPresent(incidents::add);
            current = fired.state();
        }
        return current;
    }

    /** The rule as a definition the machine reads: no channels, as nothing is sent, and never paused. */
    private static MonitorDefinition definition(String monitorId, Backtests.Rule rule) {
        return new MonitorDefinition(monitorId, null, null, null, rule.timeoutSeconds(), rule.graceSeconds(), false,
                List.of(), null, null, rule.cron(), rule.maxRuntimeSeconds(), false, null, List.of(),
                new AlertPolicy(rule.failureThreshold(), rule.recoveryThreshold(), 0, 0));
    }

    private static Heartbeat heartbeat(HeartbeatEntry signal) {
        return Heartbeat.signal(signal.status(), signal.msg(), signal.value(), signal.exitStatus(), signal.rid(), null,
                null, null, signal.at());
    }

    /** The incidents as the events open and close them. */
    private static final class Incidents {

        private final List<Backtests.Incident> list = new ArrayList<>();

        void add(MonitorEvent event) {
            if (event.to() == MonitorStatus.DOWN) {
                list.add(new Backtests.Incident(event.at(), null, event.reason()));
                return;
            }
            int last = list.size() - 1;
            Backtests.Incident open = list.get(last);
            list.set(last, new Backtests.Incident(open.start(), event.at(), open.reason()));
        }
    }
}
