package io.pushmon.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP pushmon_detector_events_total Status changes emitted
            # TYPE pushmon_detector_events_total counter
            pushmon_detector_events_total{reason="timeout"} 3.0
            pushmon_detector_events_total{reason="down push"} 2.0
            pushmon_detector_index_entries_touched_total 12.0
            pushmon_detector_punctuation_duration_seconds_max 0.00125
            pushmon_detector_blind_seconds{partition="0"} NaN
            pushmon_odd{label="a } and a \\" quote",other="x"} 7 1712345678000
            pushmon_limit{le="+Inf"} +Inf
            """;

    @Test
    void sumAddsAMetricOverAllItsLabelSets() {
        assertThat(PrometheusText.parse(SCRAPE).sum("pushmon_detector_events_total")).isEqualTo(5.0);
    }

    @Test
    void aMetricWithoutLabelsIsReadAsIs() {
        PrometheusText text = PrometheusText.parse(SCRAPE);
        assertThat(text.sum("pushmon_detector_index_entries_touched_total")).isEqualTo(12.0);
        assertThat(text.max("pushmon_detector_punctuation_duration_seconds_max")).isEqualTo(0.00125);
    }

    @Test
    void quotedBracesAndATimestampDoNotConfuseTheParser() {
        PrometheusText.Sample odd = PrometheusText.parse(SCRAPE).samples().stream()
                .filter(s -> s.name().equals("pushmon_odd")).findFirst().orElseThrow();
        assertThat(odd.value()).isEqualTo(7.0);
        assertThat(odd.labels()).isEqualTo("label=\"a } and a \\\" quote\",other=\"x\"");
    }

    @Test
    void nanAndInfinityAreNumbers() {
        PrometheusText text = PrometheusText.parse(SCRAPE);
        assertThat(text.sum("pushmon_detector_blind_seconds")).isNaN();
        assertThat(text.sum("pushmon_limit")).isInfinite();
    }

    @Test
    void commentsAreNotSamples() {
        assertThat(PrometheusText.parse(SCRAPE).has("#")).isFalse();
        assertThat(PrometheusText.parse(SCRAPE).samples()).hasSize(7);
    }

    @Test
    void askingForAMetricTheProcessDoesNotExposeFails() {
        assertThatThrownBy(() -> PrometheusText.parse(SCRAPE).sum("pushmon_missing"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pushmon_missing");
    }

    private static final String HISTOGRAM = """
            pushmon_detector_fire_delay_seconds_bucket{le="0.1",partition="0"} 10.0
            pushmon_detector_fire_delay_seconds_bucket{le="0.2",partition="0"} 30.0
            pushmon_detector_fire_delay_seconds_bucket{le="0.4",partition="0"} 40.0
            pushmon_detector_fire_delay_seconds_bucket{le="+Inf",partition="0"} 40.0
            pushmon_detector_fire_delay_seconds_bucket{le="0.1",partition="1"} 0.0
            pushmon_detector_fire_delay_seconds_bucket{le="0.2",partition="1"} 0.0
            pushmon_detector_fire_delay_seconds_bucket{le="0.4",partition="1"} 50.0
            pushmon_detector_fire_delay_seconds_bucket{le="+Inf",partition="1"} 60.0
            pushmon_detector_fire_delay_seconds_count 100.0
            """;

    @Test
    void aQuantileIsInterpolatedWithinTheBucketOfTheSummedHistogram() {
        PrometheusText text = PrometheusText.parse(HISTOGRAM);
        assertThat(text.quantile("pushmon_detector_fire_delay_seconds", 0.05)).isCloseTo(0.05, within(1e-9));
        assertThat(text.quantile("pushmon_detector_fire_delay_seconds", 0.5)).as("20 of the 60 in (0.2, 0.4]")
                .isCloseTo(0.2 + 0.2 * 20 / 60, within(1e-9));
    }

    @Test
    void aQuantileBeyondTheLastFiniteBucketIsThatBucketsBound() {
        assertThat(PrometheusText.parse(HISTOGRAM).quantile("pushmon_detector_fire_delay_seconds", 0.99))
                .isEqualTo(0.4);
    }

    @Test
    void anEmptyHistogramHasNoQuantile() {
        assertThat(PrometheusText.parse("pushmon_x_bucket{le=\"1.0\"} 0\npushmon_x_bucket{le=\"+Inf\"} 0\n")
                .quantile("pushmon_x", 0.5)).isNaN();
    }
}
