package io.pushmon.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
