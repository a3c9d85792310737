package io.pushmon.processor.detector;

import static io.pushmon.processor.detector.DetectorHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

/**
 * Cron monitors through the topology with a controlled clock. {@link DetectorHarness#T0} is 2030-01-01T00:00Z, so
 * "every 5 minutes" expects runs at 300 s, 600 s... of the harness's time.
 */
class CronScheduleTransitionsTest {

    private final DetectorHarness detector = new DetectorHarness();

    @AfterEach
    void close() {
        detector.close();
    }

    @Test
    void aMissedRunGoesDownAtItsExpectedTimePlusGrace() {
        detector.defineCron("m1", "*/5 * * * *", "UTC", 60);
        detector.up("m1", 10);

        detector.runUntil(0, 360);
        assertThat(detector.events()).as("not before the run at 300 s plus 60 s of grace").isEmpty();
        detector.runUntil(361, 363);

        assertThat(detector.events()).singleElement().satisfies(down -> {
            assertThat(down.reason()).isEqualTo(EventReason.TIMEOUT);
            assertThat(down.at()).isEqualTo(at(360));
        });
    }

    @Test
    void aRunReportedInTimeArmsTheNextExpectedRun() {
        detector.defineCron("m1", "*/5 * * * *", "UTC", 60);
        detector.up("m1", 10);

        detector.push("m1", PushStatus.UP, "ran", 330);

        assertThat(detector.state("m1").deadline()).isEqualTo(at(660).toEpochMilli());
        detector.runUntil(0, 600);
        assertThat(detector.events()).isEmpty();
    }

    @Test
    void aRunInItsZoneIsDueAtItsLocalTime() {
        // 03:00 in Berlin on 2030-01-01 is 02:00 UTC: 7200 s after T0, due with 10 minutes of grace at 7800 s.
        detector.defineCron("m1", "0 3 * * *", "Europe/Berlin", 600);
        detector.up("m1", 5);

        assertThat(detector.state("m1").deadline()).isEqualTo(at(7800).toEpochMilli());
    }

    @Test
    void aCronScheduleReplacingAnIntervalRecomputesThePendingDeadline() {
        detector.define("m1", 3600, 0);
        detector.up("m1", 10);

        detector.defineCron("m1", "*/5 * * * *", "UTC", 0);

        assertThat(detector.state("m1").deadline()).isEqualTo(at(300).toEpochMilli());
        assertThat(detector.state("m1").status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void noCronRunIsMissedForTheTimeOfAnIngestGap() {
        detector.defineCron("m1", "*/5 * * * *", "UTC", 0);
        detector.up("m1", 10);
        detector.runUntil(11, 200);

        // Ingest outage from 200 s to 400 s: the run expected at 300 s falls inside it, and the next one is at 600 s.
        detector.wallClockAt(400);
        detector.tick(400);
        detector.wallClockAt(401);

        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").deadline()).isEqualTo(at(600).toEpochMilli());
    }

    @Test
    void aCronRunLostInAShortIngestGapIsForgivenUntilTheNextRun() {
        // An hourly job with a minute of grace; ingest is out from 3590 s to 3700 s, over the run at 3600 s and its
        // deadline at 3660 s. Its report may be lost, and the job reports again only at 7200 s: the gap's 110 s of
        // slack, as an interval monitor gets, would page it at 3770 s.
        detector.defineCron("m1", "0 * * * *", "UTC", 60);
        detector.up("m1", 10);
        detector.runUntil(11, 3590);

        detector.wallClockAt(3700);
        detector.tick(3700);
        detector.runUntil(3701, 3800);

        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").deadline()).isEqualTo(at(7260).toEpochMilli());
    }

    @Test
    void noCronRunIsMissedWhileHeartbeatTimeLagsTheWallClock() {
        detector.defineCron("m1", "*/5 * * * *", "UTC", 60);
        detector.up("m1", 10);
        detector.ticks(11, 100);

        // The wall clock is an hour past the run expected at 300 s, heartbeats only at 100 s. The backlog holds
        // that run, reported at 302 s, within its grace: the monitor was never down.
        detector.wallClockAt(3600);
        assertThat(detector.events()).isEmpty();
        detector.ticks(101, 301);
        detector.up("m1", 302);
        detector.ticks(303, 400);
        detector.wallClockAt(3700);

        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").deadline()).isEqualTo(at(660).toEpochMilli());
    }
}
