package io.pushmon.bench.punctuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.pushmon.bench.metrics.PrometheusText;

class PunctuationWindowTest {

    private static PrometheusText scrape(double count, double seconds, double max, double touched, double due) {
        return PrometheusText.parse(scrapeText(count, seconds, max, touched, due));
    }

    private static String scrapeText(double count, double seconds, double max, double touched, double due) {
        return String.join("\n",
                PunctuationWindow.COUNT + " " + count,
                PunctuationWindow.SECONDS + " " + seconds,
                PunctuationWindow.MAX + " " + max,
                PunctuationWindow.TOUCHED + " " + touched,
                PunctuationWindow.DUE + " " + due,
                PunctuationWindow.EVENTS + "{reason=\"timeout\"} 0.0");
    }

    @Test
    void theWindowsFiguresAreCounterDeltasPerPunctuation() {
        PunctuationWindow window = PunctuationWindow.between(scrape(100, 0.5, 0.01, 40, 30),
                scrape(1100, 0.52, 0.0001, 2040, 1030));
        assertThat(window.punctuations()).isEqualTo(1000);
        assertThat(window.meanMicros()).isCloseTo(20.0, within(1e-6));
        assertThat(window.touchedPerPunctuation()).isEqualTo(2.0);
        assertThat(window.duePerPunctuation()).isEqualTo(1.0);
    }

    @Test
    void theMaximumIsTheOneAtTheEndOfTheWindow() {
        PunctuationWindow window = PunctuationWindow.between(scrape(0, 0, 0.01, 0, 0), scrape(10, 0.001, 0.0003, 0, 0));
        assertThat(window.maxMicros()).isCloseTo(300.0, within(1e-6));
    }

    @Test
    void gcPausesAndCpuAreDeltasAndTheLoadIsTheLastValue() {
        PunctuationWindow window = PunctuationWindow.between(
                PrometheusText.parse(scrapeText(10, 1, 0, 0, 0) + "\n" + PunctuationWindow.GC_SECONDS + " 0.5\n"
                        + PunctuationWindow.CPU_NANOS + " 1.0E9\n" + PunctuationWindow.LOAD + " 9.0"),
                PrometheusText.parse(scrapeText(20, 2, 0, 0, 0) + "\n" + PunctuationWindow.GC_SECONDS + " 0.525\n"
                        + PunctuationWindow.CPU_NANOS + " 3.5E9\n" + PunctuationWindow.LOAD + " 1.5"));
        assertThat(window.gcPauseMillis()).isCloseTo(25.0, within(1e-9));
        assertThat(window.cpuSeconds()).isCloseTo(2.5, within(1e-9));
        assertThat(window.loadAverage()).isEqualTo(1.5);
    }

    @Test
    void aProcessWithoutJvmMetersStillGivesItsPunctuationFigures() {
        PunctuationWindow window = PunctuationWindow.between(scrape(0, 0, 0, 0, 0), scrape(4, 0.0001, 0, 0, 0));
        assertThat(window.meanMicros()).isCloseTo(25.0, within(1e-9));
        assertThat(window.gcPauseMillis()).isNaN();
        assertThat(window.loadAverage()).isNaN();
    }

    @Test
    void statusChangesCountOverAllReasonsSinceTheProcessStarted() {
        PunctuationWindow window = PunctuationWindow.between(scrape(0, 0, 0, 0, 0), PrometheusText.parse(
                scrapeText(4, 0.0001, 0, 0, 0).replace(PunctuationWindow.EVENTS + "{reason=\"timeout\"} 0.0",
                        PunctuationWindow.EVENTS + "{reason=\"timeout\"} 2.0\n" + PunctuationWindow.EVENTS
                                + "{reason=\"recovered\"} 1.0")));
        assertThat(window.eventsSinceStart()).isEqualTo(3);
    }

    @Test
    void aWindowWithoutPunctuationsIsAnError() {
        assertThatThrownBy(() -> PunctuationWindow.between(scrape(5, 0, 0, 0, 0), scrape(5, 0, 0, 0, 0)))
                .isInstanceOf(IllegalStateException.class);
    }
}
