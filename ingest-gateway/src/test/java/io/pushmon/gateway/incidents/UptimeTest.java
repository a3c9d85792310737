package io.pushmon.gateway.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;

class UptimeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aMonitorWithoutIncidentsIsFullyUp() {
        assertThat(Uptime.ratio(List.of(), CREATED, NOW.minus(Duration.ofDays(1)), NOW, NOW)).isEqualTo(1.0);
    }

    @Test
    void anHourDownInADayIsOneTwentyFourthDown() {
        Incident hour = closed(NOW.minus(Duration.ofHours(5)), Duration.ofHours(1));
        assertThat(Uptime.ratio(List.of(hour), CREATED, NOW.minus(Duration.ofDays(1)), NOW, NOW))
                .isCloseTo(1 - 1.0 / 24, within(1e-9));
    }

    @Test
    void anOpenIncidentCountsUntilNow() {
        Incident open = new Incident(1, NOW.minus(Duration.ofHours(6)), null, EventReason.TIMEOUT, null);
        assertThat(Uptime.ratio(List.of(open), CREATED, NOW.minus(Duration.ofDays(1)), NOW, NOW))
                .isCloseTo(0.75, within(1e-9));
    }

    @Test
    void timeBeforeTheMonitorExistedIsNotWatched() {
        Instant created = NOW.minus(Duration.ofHours(2));
        Incident hour = closed(NOW.minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertThat(Uptime.ratio(List.of(hour), created, NOW.minus(Duration.ofDays(30)), NOW, NOW))
                .isCloseTo(0.5, within(1e-9));
        assertThat(Uptime.ratio(List.of(), NOW, NOW.minus(Duration.ofDays(1)), NOW, NOW)).isNaN();
    }

    @Test
    void anIncidentOverMidnightIsSplitBetweenItsDays() {
        Instant midnight = Instant.parse("2026-12-02T00:00:00Z");
        Incident overnight = closed(midnight.minus(Duration.ofHours(6)), Duration.ofHours(12));
        List<Uptime.Day> days = Uptime.days(List.of(overnight), CREATED, 3, NOW);
        assertThat(days).extracting(Uptime.Day::incidents).containsExactly(0, 1, 1);
        assertThat(days.get(1).down()).isEqualTo(Duration.ofHours(6));
        assertThat(days.get(1).ratio()).isCloseTo(0.75, within(1e-9));
        // Today has been watched for 12 hours, 6 of them down.
        assertThat(days.get(2).ratio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void daysBeforeCreationAreUnwatched() {
        List<Uptime.Day> days = Uptime.days(List.of(), NOW.minus(Duration.ofHours(1)), 90, NOW);
        assertThat(days).hasSize(90);
        assertThat(days.subList(0, 89)).noneMatch(Uptime.Day::watched);
        assertThat(days.get(89).watched()).isTrue();
        assertThat(days.get(89).ratio()).isEqualTo(1.0);
    }

    private static Incident closed(Instant downAt, Duration length) {
        return new Incident(1, downAt, downAt.plus(length), EventReason.TIMEOUT, null);
    }
}
