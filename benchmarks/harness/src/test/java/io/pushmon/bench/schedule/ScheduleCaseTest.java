package io.pushmon.bench.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.pushmon.processor.detector.MonitorState;

class ScheduleCaseTest {

    @Test
    void everyCaseIsAVariedPopulationWhoseDeadlinesFollowTheirHeartbeats() {
        for (ScheduleCase schedule : ScheduleCase.values()) {
            ScheduleCase.Census census = ScheduleCase.census(schedule.rule(), schedule.monitors(2_000, 1));

            assertThat(census.monitors()).as(schedule.label()).isEqualTo(2_000);
            assertThat(census.distinctArmedAt()).as(schedule.label())
                    .isGreaterThanOrEqualTo((int) (schedule.leastDistinctShare() * 2_000));
            assertThat(census.deadlinesAfterArmed()).as(schedule.label()).isEqualTo(2_000);
            int expressions = schedule.mixed() ? 1_000 : schedule.cron() ? 1 : 0;
            assertThat(census.distinctExpressions()).as(schedule.label()).isEqualTo(expressions);
        }
    }

    @Test
    void theSameSeedGivesTheSamePopulationSoEveryForkTimesTheSameMonitors() {
        List<MonitorState> once = ScheduleCase.NIGHTLY_BERLIN.monitors(100, 7);

        assertThat(ScheduleCase.NIGHTLY_BERLIN.monitors(100, 7)).isEqualTo(once);
        assertThat(ScheduleCase.NIGHTLY_BERLIN.monitors(100, 8)).isNotEqualTo(once);
    }

    @Test
    void heartbeatsComeInNoOrderOfSchedule() {
        List<String> ids = ScheduleCase.DISTINCT_EXPRESSIONS.monitors(1_000, 1).stream().map(MonitorState::monitorId)
                .toList();

        assertThat(ids).containsExactlyInAnyOrderElementsOf(inOrder(1_000)).isNotEqualTo(inOrder(1_000));
    }

    private static List<String> inOrder(int count) {
        return IntStream.range(0, count).mapToObj(i -> "monitor-" + i).toList();
    }
}
