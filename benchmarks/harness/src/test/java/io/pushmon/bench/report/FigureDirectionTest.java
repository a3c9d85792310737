package io.pushmon.bench.report;

import static io.pushmon.bench.report.FigureDirection.HIGHER_IS_BETTER;
import static io.pushmon.bench.report.FigureDirection.LOWER_IS_BETTER;
import static io.pushmon.bench.report.FigureDirection.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FigureDirectionTest {

    @Test
    void ratesPerSecondAreHigherIsBetter() {
        assertThat(FigureDirection.of("gateway pushes/s @200", "/s")).isEqualTo(HIGHER_IS_BETTER);
        assertThat(FigureDirection.of("webhooks per second", "/s")).isEqualTo(HIGHER_IS_BETTER);
        assertThat(FigureDirection.of("heartbeats/s", "")).isEqualTo(HIGHER_IS_BETTER);
    }

    @Test
    void latenciesAndDurationsAreLowerIsBetter() {
        assertThat(FigureDirection.of("gateway p99 @200", "ms")).isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("10000 monitors: mean punctuation time", "µs")).isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("interval monitor, bySchedule(): per deadline", "ns")).isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("whole system: processor lag back to 0 after", "s")).isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void cpuIsACostWhateverItsUnit() {
        assertThat(FigureDirection.of("gateway CPU per push: gateway @200", "µs")).isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("gateway CPU seconds per second with a unpaced flood (round 1)", ""))
                .isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("@weekly UTC: share of the processor's CPU per heartbeat", "%"))
                .isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void bytesAndLagAreLowerIsBetter() {
        assertThat(FigureDirection.of("gateway heap per cached monitor", "B")).isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("gateway live heap with all monitors cached", "MB")).isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("whole system: processor lag on heartbeats at the end of the load", "records"))
                .isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void theGatewaysShareOfTheBareEndpointIsHigherIsBetterAndAFloodsAddedP99LowerIsBetter() {
        assertThat(FigureDirection.of("gateway / bare @200", "%")).isEqualTo(HIGHER_IS_BETTER);
        assertThat(FigureDirection.of("steady p99 with / without the flood with a 1,000/s flood (round 1)", "%"))
                .isEqualTo(LOWER_IS_BETTER);
        assertThat(FigureDirection.of("ratio server render (1,000 / 100 monitors, p50)", "x"))
                .isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void aSteadyTenantsLatencyUnderAFloodIsStillALatency() {
        assertThat(FigureDirection.of("steady p99 with a 1,000/s flood (round 2)", "ms")).isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void theBareEndpointTheGeneratorAndTheHarnessMeasureAndHaveNoDirection() {
        assertThat(FigureDirection.of("bare pushes/s @200", "/s")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("bare p99 @200", "ms")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("gateway CPU per push: generator @200", "µs")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("harness CPU per page (process) @1,000", "ms")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("gateway CPU per push / bare CPU per request @200", "×"))
                .isEqualTo(LOWER_IS_BETTER);
    }

    @Test
    void countsErrorBarsLoadAverageAndTheFloodsOwnRatesHaveNoDirection() {
        assertThat(FigureDirection.of("monitors down", "")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("@weekly UTC: ± (99.9%)", "ns")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("load average (1 min) before the measured requests", "")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("flood accepted/s with a 1,000/s flood (round 1)", "/s")).isEqualTo(UNKNOWN);
        assertThat(FigureDirection.of("harness share of something", "%")).isEqualTo(UNKNOWN);
    }
}
