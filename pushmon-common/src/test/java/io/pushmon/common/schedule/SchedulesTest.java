package io.pushmon.common.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.pushmon.common.model.CronSchedule;

/** When a schedule expects its runs: the rule a cron monitor's deadline is made of. */
class SchedulesTest {

    private static Instant at(String local, String zone) {
        return ZonedDateTime.of(LocalDateTime.parse(local), ZoneId.of(zone)).toInstant();
    }

    private static List<Instant> next(String cron, String zone, String fromLocal, int count) {
        return Schedules.next(Schedules.parse(cron, zone), at(fromLocal, zone), count);
    }

    @Test
    void everyFiveMinutesRunsOnTheFives() {
        assertThat(next("*/5 * * * *", "UTC", "2026-12-01T10:03:12", 3)).containsExactly(
                Instant.parse("2026-12-01T10:05:00Z"), Instant.parse("2026-12-01T10:10:00Z"),
                Instant.parse("2026-12-01T10:15:00Z"));
    }

    @Test
    void aRunExactlyNowIsNotTheNextOne() {
        assertThat(next("0 3 * * *", "UTC", "2026-12-01T03:00:00", 1))
                .containsExactly(Instant.parse("2026-12-02T03:00:00Z"));
    }

    @Test
    void dailyAtThreeInBerlinKeepsItsLocalTimeAcrossTheSpringSwitch() {
        assertThat(next("0 3 * * *", "Europe/Berlin", "2026-03-28T12:00:00", 2)).containsExactly(
                Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T01:00:00Z"));
    }

    @Test
    void dailyAtThreeInBerlinKeepsItsLocalTimeAcrossTheAutumnSwitch() {
        assertThat(next("0 3 * * *", "Europe/Berlin", "2026-10-24T12:00:00", 2)).containsExactly(
                Instant.parse("2026-10-25T02:00:00Z"), Instant.parse("2026-10-26T02:00:00Z"));
    }

    @Test
    void aRunInTheSkippedHourDoesNotHappenThatDay() {
        // 02:30 does not exist in Berlin on 2026-03-29: cron-utils skips that day's run.
        assertThat(next("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00", 2)).containsExactly(
                Instant.parse("2026-03-30T00:30:00Z"), Instant.parse("2026-03-31T00:30:00Z"));
    }

    @Test
    void aRunInTheRepeatedHourIsExpectedOnce() {
        assertThat(next("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00", 2)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void everyHalfHourRunsInRealTimeThroughTheRepeatedHour() {
        assertThat(next("*/30 * * * *", "Europe/Berlin", "2026-10-25T01:50:00", 4)).containsExactly(
                Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-25T00:30:00Z"),
                Instant.parse("2026-10-25T01:00:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void newYorkSwitchesOnItsOwnDays() {
        assertThat(next("0 9 * * *", "America/New_York", "2026-03-07T12:00:00", 2)).containsExactly(
                Instant.parse("2026-03-08T13:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void lordHoweMovesItsClockByHalfAnHour() {
        // Lord Howe Island goes from UTC+10:30 to UTC+11 on 2026-10-04 at 02:00 local time.
        assertThat(next("0 3 * * *", "Australia/Lord_Howe", "2026-10-02T12:00:00", 3)).containsExactly(
                Instant.parse("2026-10-02T16:30:00Z"), Instant.parse("2026-10-03T16:00:00Z"),
                Instant.parse("2026-10-04T16:00:00Z"));
    }

    @Test
    void theThirtyFirstRunsOnlyInLongMonths() {
        assertThat(next("0 0 31 * *", "UTC", "2026-01-31T12:00:00", 2)).containsExactly(
                Instant.parse("2026-03-31T00:00:00Z"), Instant.parse("2026-05-31T00:00:00Z"));
    }

    @Test
    void weeklyIsSundayAtMidnight() {
        assertThat(next("@weekly", "UTC", "2026-12-01T12:00:00", 2)).containsExactly(
                Instant.parse("2026-12-06T00:00:00Z"), Instant.parse("2026-12-13T00:00:00Z"));
    }

    @Test
    void theMacrosAreTheCrontabsTheyStandFor() {
        assertThat(next("@daily", "UTC", "2026-12-01T12:00:00", 1)).isEqualTo(next("0 0 * * *", "UTC",
                "2026-12-01T12:00:00", 1));
        assertThat(next("@hourly", "UTC", "2026-12-01T12:10:00", 1))
                .containsExactly(Instant.parse("2026-12-01T13:00:00Z"));
    }

    @Test
    void aScheduleIsDescribedInWordsWithItsZone() {
        assertThat(Schedules.describe(Schedules.parse("0 3 * * *", "Europe/Berlin"))).isEqualTo(
                "at 03:00 (Europe/Berlin)");
        assertThat(Schedules.describe(Schedules.parse("*/5 * * * *", null))).isEqualTo("every 5 minutes (UTC)");
    }

    @Test
    void theZoneDefaultsToUtc() {
        assertThat(Schedules.parse("0 3 * * *", " ")).isEqualTo(new CronSchedule("0 3 * * *", "UTC"));
    }

    @Test
    void aBadFieldIsRefusedNamingTheExpression() {
        assertThatThrownBy(() -> Schedules.parse("61 3 * * *", "UTC")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cron '61 3 * * *'");
        assertThatThrownBy(() -> Schedules.parse("0 3 * *", "UTC")).hasMessageContaining("5-field");
    }

    @Test
    void anUnknownZoneIsRefused() {
        assertThatThrownBy(() -> Schedules.parse("0 3 * * *", "Mars/Olympus"))
                .hasMessageContaining("timeZone 'Mars/Olympus' is not an IANA time zone");
    }

    @Test
    void aScheduleThatNeverRunsIsRefused() {
        assertThatThrownBy(() -> Schedules.parse("0 0 30 2 *", "UTC")).hasMessageContaining("never runs");
    }

    @Test
    void theRememberedRunAnswersExactlyAsTheLibraryForInstantsInAnyOrder() {
        var random = new Random(42);
        for (String[] schedule : new String[][] { { "*/5 * * * *", "UTC" }, { "0 3 * * *", "Europe/Berlin" },
                { "30 2 * * 1-5", "America/New_York" }, { "0 0 31 * *", "UTC" }, { "@weekly", "Australia/Lord_Howe" } }) {
            CronSchedule cron = Schedules.parse(schedule[0], schedule[1]);
            var library = ExecutionTime.forCron(new CronParser(CronDefinitionBuilder.instanceDefinitionFor(
                    CronType.UNIX)).parse(schedule[0].equals("@weekly") ? "0 0 * * 0" : schedule[0]));
            Instant base = Instant.parse("2026-03-01T00:00:00Z");
            Instant previous = base;
            for (int i = 0; i < 5_000; i++) {
                // Mostly small steps forward, as heartbeats of one schedule come; sometimes a jump back or far ahead.
                long step = random.nextInt(10) == 0 ? random.nextLong(-30L * 86_400_000, 60L * 86_400_000)
                        : random.nextLong(0, 600_000);
                Instant at = previous.plusMillis(step).plusNanos(random.nextInt(1_000_000));
                Instant expected = library.nextExecution(at.atZone(ZoneId.of(schedule[1]))).orElseThrow().toInstant();

                assertThat(Schedules.nextAfter(cron, at)).as("%s %s after %s", schedule[0], schedule[1], at)
                        .contains(expected);
                previous = at;
            }
        }
    }
}
