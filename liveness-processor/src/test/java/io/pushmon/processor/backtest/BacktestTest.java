package io.pushmon.processor.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.internal.Backtests.Incident;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.schedule.Schedules;
import io.pushmon.processor.detector.HeartbeatEntry;

/**
 * Backtests on a known history: pushes every 60 s from 0 to 600, a gap of 150 s, pushes every 60 s from 750 to 1110,
 * a gap of 400 s, then pushes at 1510, 1570 and 1630. Times are seconds after {@link #T0}.
 */
class BacktestTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String MONITOR = "m1";

    private final Backtest backtest = new Backtest();

    private static List<HeartbeatEntry> history() {
        List<Long> times = new ArrayList<>();
        for (long t = 0; t <= 600; t += 60) {
            times.add(t);
        }
        for (long t = 750; t <= 1110; t += 60) {
            times.add(t);
        }
        times.addAll(List.of(1510L, 1570L, 1630L));
        List<HeartbeatEntry> entries = new ArrayList<>();
        for (long t : times) {
            entries.add(signal(entries.size(), t, PushStatus.UP));
        }
        return entries;
    }

    private static HeartbeatEntry signal(long seq, long seconds, PushStatus status) {
        return new HeartbeatEntry(seq, ms(seconds), status, null, null, null, null, null, 0);
    }

    private static long ms(long seconds) {
        return T0.plusSeconds(seconds).toEpochMilli();
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Backtests.Rule interval(long timeout, long grace, int failureThreshold, int recoveryThreshold) {
        return new Backtests.Rule(timeout, null, grace, 0, failureThreshold, recoveryThreshold);
    }

    @Test
    void timeoutSixtyWithGraceThirtyOpensOneIncidentPerGap() {
        List<Incident> incidents = backtest.replay(MONITOR, interval(60, 30, 1, 1), history(), ms(1650));

        assertThat(incidents).containsExactly(new Incident(at(690), at(750), EventReason.TIMEOUT),
                new Incident(at(1200), at(1510), EventReason.TIMEOUT));
    }

    @Test
    void failureThresholdThreeOpensOnlyTheLongGapsIncidentAtItsThirdMiss() {
        List<Incident> incidents = backtest.replay(MONITOR, interval(60, 30, 3, 1), history(), ms(1650));

        assertThat(incidents).containsExactly(new Incident(at(1320), at(1510), EventReason.TIMEOUT));
    }

    @Test
    void graceOfTwoMinutesCoversTheShortGap() {
        List<Incident> incidents = backtest.replay(MONITOR, interval(60, 120, 1, 1), history(), ms(1650));

        assertThat(incidents).containsExactly(new Incident(at(1290), at(1510), EventReason.TIMEOUT));
    }

    @Test
    void recoveryThresholdTwoEndsEachIncidentAtTheSecondGoodPush() {
        List<Incident> incidents = backtest.replay(MONITOR, interval(60, 30, 1, 2), history(), ms(1650));

        assertThat(incidents).containsExactly(new Incident(at(690), at(810), EventReason.TIMEOUT),
                new Incident(at(1200), at(1570), EventReason.TIMEOUT));
    }

    @Test
    void aSilenceAfterTheLastSignalIsAnOpenIncidentOnceItHasBeenRead() {
        List<Incident> notRead = backtest.replay(MONITOR, interval(60, 30, 1, 1), history(), ms(1719));
        List<Incident> read = backtest.replay(MONITOR, interval(60, 30, 1, 1), history(), ms(1720));

        assertThat(notRead).hasSize(2);
        assertThat(read).hasSize(3).last().isEqualTo(new Incident(at(1720), null, EventReason.TIMEOUT));
    }

    @Test
    void aPushAtItsDeadlinesVeryMillisecondIsInTime() {
        List<Incident> incidents = backtest.replay(MONITOR, interval(60, 90, 1, 1), history(), ms(1650));

        assertThat(incidents).as("the 150 s gap ends exactly at the deadline").hasSize(1);
    }

    @Test
    void downPushesOpenIncidentsOnlyAtTheFailureThreshold() {
        List<HeartbeatEntry> signals = List.of(signal(0, 0, PushStatus.UP), signal(1, 60, PushStatus.DOWN),
                signal(2, 120, PushStatus.DOWN), signal(3, 180, PushStatus.UP));

        assertThat(backtest.replay(MONITOR, interval(60, 30, 1, 1), signals, ms(200)))
                .containsExactly(new Incident(at(60), at(180), EventReason.REPORTED_DOWN));
        assertThat(backtest.replay(MONITOR, interval(60, 30, 2, 1), signals, ms(200)))
                .containsExactly(new Incident(at(120), at(180), EventReason.REPORTED_DOWN));
        assertThat(backtest.replay(MONITOR, interval(60, 30, 3, 1), signals, ms(200))).isEmpty();
    }

    @Test
    void aCronRuleExpectsTheHistoryOnItsSchedule() {
        List<HeartbeatEntry> hourly = List.of(signal(0, 10, PushStatus.UP), signal(1, 3610, PushStatus.UP),
                signal(2, 10810, PushStatus.UP));
        Backtests.Rule cron = new Backtests.Rule(0, Schedules.parse("0 * * * *", "UTC"), 300, 0, 1, 1);

        assertThat(backtest.replay(MONITOR, cron, hourly, ms(11000)))
                .containsExactly(new Incident(at(7500), at(10810), EventReason.TIMEOUT));
    }

    @Test
    void aMonitorWithoutSignalsWouldHaveOpenedNothing() {
        assertThat(backtest.replay(MONITOR, interval(60, 30, 1, 1), List.of(), ms(100_000))).isEmpty();
    }
}
