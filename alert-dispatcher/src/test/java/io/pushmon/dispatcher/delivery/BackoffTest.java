package io.pushmon.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static Backoff withRandom(double value) {
        return new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(1), () -> value);
    }

    @Test
    void theCeilingDoublesWithEveryFailedAttemptUpToTheMaximum() {
        Backoff backoff = withRandom(0.5);
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(backoff.ceiling(6)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.ceiling(500)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void fullJitterDrawsTheDelayBetweenZeroAndTheCeiling() {
        assertThat(withRandom(0.0).delayAfter(3, null)).isEqualTo(Duration.ZERO);
        assertThat(withRandom(0.5).delayAfter(3, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(withRandom(0.999).delayAfter(3, null)).isEqualTo(Duration.ofMillis(119_880));
    }

    @Test
    void theDefaultScheduleSpreadsSixAttemptsOverAboutFifteenMinutes() {
        Backoff backoff = withRandom(0.999_999);
        Duration total = Duration.ZERO;
        for (int failed = 1; failed < 6; failed++) {
            total = total.plus(backoff.delayAfter(failed, null));
        }
        assertThat(total).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
    }

    @Test
    void aReceiversRetryAfterIsHonouredInsteadOfTheJitteredDelay() {
        assertThat(withRandom(0.0).delayAfter(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void anExcessiveRetryAfterIsCutToTheConfiguredLimit() {
        assertThat(withRandom(0.5).delayAfter(1, Duration.ofDays(2))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void attemptsCountFromOne() {
        assertThatThrownBy(() -> withRandom(0.5).ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
