package io.pushmon.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void timesAreWrittenRelativeToNow() {
        assertThat(Formats.ago(NOW.minusSeconds(42), NOW)).isEqualTo("42 s ago");
        assertThat(Formats.ago(NOW.plus(Duration.ofMinutes(5)), NOW)).isEqualTo("in 5 min");
        assertThat(Formats.ago(NOW.minus(Duration.ofHours(3).plusMinutes(5)), NOW)).isEqualTo("3 h 5 min ago");
        assertThat(Formats.ago(null, NOW)).isEqualTo("–");
    }

    @Test
    void uptimeShowsEnoughDigitsToTellNinesApartAndNeverRoundsUpToAHundred() {
        assertThat(Formats.percent(1.0)).isEqualTo("100%");
        assertThat(Formats.percent(0.99999)).isEqualTo("99.99%");
        assertThat(Formats.percent(0.9)).isEqualTo("90.0%");
        assertThat(Formats.percent(Double.NaN)).isEqualTo("–");
    }

    @Test
    void runDurationsUseTheirLargestSensibleUnit() {
        assertThat(Formats.millis(850L)).isEqualTo("850 ms");
        assertThat(Formats.millis(12_400L)).isEqualTo("12.4 s");
        assertThat(Formats.millis(180_000L)).isEqualTo("3 min");
    }
}
