package io.pushmon.gateway.monitors;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.pushmon.common.internal.Backtests;

/**
 * The answer of {@code POST /api/monitors/{id}/backtest}: the incidents the proposed settings would have opened over
 * the monitor's retained signals, beside those of its current settings.
 *
 * @param from      broker time of the oldest signal replayed; null when the monitor has none
 * @param to        how far the replay ran: the time up to which the detector has read the monitor's heartbeats
 * @param signals   signals replayed, at most the 100 the detector keeps
 * @param settings  the proposed settings, omitted fields filled in from the current ones
 * @param incidents what the proposed settings would have opened, oldest first; {@code end} null while still open
 * @param current   the same for the current settings
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BacktestView(Instant from, Instant to, int signals, Settings settings,
        List<Backtests.Incident> incidents, Outcome current) {

    /**
     * Detection settings as the monitor API names them.
     *
     * @param timeoutSeconds    the interval, absent for a cron schedule
     * @param cron              the cron expression, absent for an interval
     * @param timeZone          the zone of {@code cron}
     * @param graceSeconds      the grace
     * @param maxRuntimeSeconds the run limit, absent when it is the grace
     * @param failureThreshold  consecutive failures before down
     * @param recoveryThreshold consecutive good pushes before up
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(Long timeoutSeconds, String cron, String timeZone, long graceSeconds,
            Long maxRuntimeSeconds, int failureThreshold, int recoveryThreshold) {

        static Settings of(Backtests.Rule rule) {
            boolean cron = rule.cron() != null;
            return new Settings(cron ? null : rule.timeoutSeconds(), cron ? rule.cron().expression() : null,
                    cron ? rule.cron().timeZone() : null, rule.graceSeconds(),
                    rule.maxRuntimeSeconds() == 0 ? null : rule.maxRuntimeSeconds(), rule.failureThreshold(),
                    rule.recoveryThreshold());
        }
    }

    /**
     * One setting's answer.
     *
     * @param settings  the settings replayed
     * @param incidents the incidents they would have opened
     */
    public record Outcome(Settings settings, List<Backtests.Incident> incidents) {
    }

    /** The view of a report on the rules {@code [proposed, current]}. */
    static BacktestView of(Backtests.Report report, Backtests.Rule proposed, Backtests.Rule current) {
        return new BacktestView(report.from(), report.to(), report.signals(), Settings.of(proposed),
                report.incidents().get(0), new Outcome(Settings.of(current), report.incidents().get(1)));
    }

    /** The answer for a monitor the detector has not seen yet: nothing to replay. */
    static BacktestView empty(Backtests.Rule proposed, Backtests.Rule current) {
        return new BacktestView(null, null, 0, Settings.of(proposed), List.of(),
                new Outcome(Settings.of(current), List.of()));
    }
}
