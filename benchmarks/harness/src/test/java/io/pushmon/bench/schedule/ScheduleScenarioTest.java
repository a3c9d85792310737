package io.pushmon.bench.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.bench.schedule.ScheduleScenario.Score;

class ScheduleScenarioTest {

    @Test
    void cronCasesAreSetAgainstTheIntervalMonitorAndTheProcessorsHeartbeat() {
        Map<ScheduleCase, Score> perDeadline = new EnumMap<>(ScheduleCase.class);
        Map<ScheduleCase, Double> allocated = new EnumMap<>(ScheduleCase.class);
        for (ScheduleCase schedule : ScheduleCase.values()) {
            perDeadline.put(schedule, new Score(schedule.cron() ? 5_900 : 2, 1));
            allocated.put(schedule, 100.0);
        }
        perDeadline.put(ScheduleCase.DISTINCT_EXPRESSIONS, new Score(12_000, 1));
        ScenarioResult result = new ScenarioResult("schedule", "test");

        ScheduleScenario.report(result, perDeadline, allocated, new Score(900_000, 1), new Score(150_000, 1));

        assertThat(result.value("*/5 * * * * UTC: per deadline")).isEqualTo(5_900);
        assertThat(result.value("*/5 * * * * UTC / interval")).isEqualTo(2_950);
        assertThat(result.value("*/5 * * * * UTC: share of the processor's CPU per heartbeat"))
                .isCloseTo(10, within(1e-9));
        assertThat(result.value("parse and cache per distinct expression (warm first sight - 1,000 expressions"
                + " cached)")).isEqualTo(138);
        assertThat(result.value("first sight, cold (a fresh JVM's first 1,000): per heartbeat")).isEqualTo(900);
        assertThat(result.metrics()).noneMatch(m -> m.name().startsWith("interval monitor, bySchedule() /"));
    }

    @Test
    void aScoreOfOneSampleHasNoErrorBarAndCountsAsNoisy() {
        Score many = Score.of(List.of(100.0, 101.0, 99.0, 100.0, 100.0));
        Score one = Score.of(List.of(100.0));

        assertThat(many.nanos()).isEqualTo(100);
        assertThat(many.noisy(0.10)).isFalse();
        assertThat(one.error()).isNaN();
        assertThat(one.noisy(0.10)).isTrue();
    }
}
