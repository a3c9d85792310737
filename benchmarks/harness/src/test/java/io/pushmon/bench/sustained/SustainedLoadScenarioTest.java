package io.pushmon.bench.sustained;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.metrics.StateDirectory;
import io.pushmon.bench.report.Check;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.bench.sustained.SustainedLoadScenario.Plan;
import io.pushmon.bench.sustained.SustainedLoadScenario.Window;
import io.pushmon.system.PushmonSystem.Component;

class SustainedLoadScenarioTest {

    private static final Plan MILLION = new Plan(1_000_000, 10_000, Duration.ofSeconds(60),
            Duration.ofMinutes(10), Duration.ofSeconds(60), i -> 10 + i % 51);

    @Test
    void aMillionMonitorsOnSixtySecondsAreOfferedSixteenThousandSixHundredSixtySevenPushesASecond() {
        assertThat(MILLION.perSecond()).isEqualTo(16_667);
        assertThat(MILLION.keeperTimeoutSeconds()).isEqualTo(180);
    }

    @Test
    void aBoxThatCarriesTheRateSaysHowManyOfItsCoresWereBusy() {
        Window window = window(16_700, 16_690, 1_000, 2_000, cores(0.3, 0.5, 0.05, 0.25));

        String verdict = window.verdict(MILLION, true, true, 1.4, 2);

        assertThat(verdict).startsWith("The box carried 16,667 pushes/s with 1.40 of its 2 cores busy.")
                .doesNotContain("At the offered rate")
                .contains("takes its 0.50 cores off this one");
    }

    @Test
    void aPushPathShortOfTheRateNamesTheBusiestProcessAndWhatEachWouldNeedAtTheFullRate() {
        Window window = window(8_000, 8_000, 500, 600, cores(0.9, 0.4, 0.02, 0.3));

        String verdict = window.verdict(MILLION, false, true, 2.0, 2);

        assertThat(verdict).startsWith("The push path topped out at 8,000 records/s of the 16,667 offered, with"
                + " 2.00 of the box's 2 cores busy; the busiest process was the gateway (0.90 cores).")
                .contains("gateway 1.88 cores").contains("processor 0.83 cores")
                .contains("all together with the load generator 4.17 cores of 2")
                .contains("takes its 0.83 cores off this one");
    }

    @Test
    void aProcessorFallingBehindIsNamedWithWhatItCommittedAgainstWhatWasWritten() {
        Window window = window(16_700, 12_000, 1_000, 280_000, cores(0.5, 0.95, 0.02, 0.3));

        String verdict = window.verdict(MILLION, true, false, 2.0, 2);

        assertThat(verdict).startsWith("The processor topped out at 12,000 records/s committed against 16,700"
                + " written, with 2.00 of the box's 2 cores busy (the processor 0.95); its lag went from 1,000 to"
                + " 280,000 records over the window.")
                .contains("processor 1.32 cores");
    }

    @Test
    void aPushPathAndAProcessorThatBothFallShortAreBothNamed() {
        Window window = window(12_000, 3_000, 18_000, 5_000_000, cores(0.66, 0.63, 0.02, 0.26));

        String verdict = window.verdict(MILLION, false, false, 1.84, 2);

        assertThat(verdict).startsWith("The push path topped out at 12,000 records/s of the 16,667 offered")
                .contains(" The processor topped out at 3,000 records/s committed against 12,000 written")
                .contains("gateway 0.92 cores").contains("processor 3.50 cores")
                .contains("all together with the load generator 5.18 cores of 2");
    }

    @Test
    void theWindowJudgesTheRateAndTheProcessorsLagAgainstTheOfferedRate() {
        ScenarioResult result = new ScenarioResult("sustained", "test");
        Window window = window(16_600, 16_400, 1_000, 90_000, cores(0.5, 0.6, 0.02, 0.3));

        window.report(result, new LoadResult(10_000_000, 660, 2_000, 5_000, 20_000, 40_000, 90_000,
                Map.of("200", 10_000_000L), 0, null, 10_000_000, 300_000_000), MILLION);

        assertThat(result.checks()).filteredOn(c -> c.target().startsWith("the push path carries"))
                .extracting(Check::met).containsExactly(true);
        // 90,000 records is 5.4 s of pushes at 16,667/s: more than the 5 s a processor that keeps up may lag.
        assertThat(result.checks()).filteredOn(c -> c.target().startsWith("the processor keeps up"))
                .extracting(Check::met).containsExactly(false);
        assertThat(result.value("window: load generator CPU (its whole-run average per push)")).isEqualTo(0.5);
        assertThat(result.value("window: processor CPU per record")).isEqualTo(36);
    }

    private static Window window(double written, double committed, long lagAtStart, long lagAtEnd,
            Map<Component, Double> cores) {
        return new Window(600, cores, written, committed, written, lagAtStart, lagAtEnd, lagAtEnd, 0, 0,
                new StateDirectory(0, Map.of()), List.of(), List.of());
    }

    private static Map<Component, Double> cores(double gateway, double processor, double dispatcher, double kafka) {
        Map<Component, Double> cores = new EnumMap<>(Component.class);
        cores.put(Component.GATEWAY, gateway);
        cores.put(Component.PROCESSOR, processor);
        cores.put(Component.DISPATCHER, dispatcher);
        cores.put(Component.KAFKA, kafka);
        return cores;
    }
}
