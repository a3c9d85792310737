package io.pushmon.processor.detector;

import static io.pushmon.processor.detector.DetectorHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

/**
 * Runs through the topology with a controlled clock: a start opens a run that must end within the monitor's run
 * limit (its grace, or maxRuntimeSeconds), an end pairs with its start by run id, and logs only go into the history.
 */
class RunTransitionsTest {

    private static final String RID_A = "6f1c9a54-2a1e-4c6e-9a52-0d2b7f8e1a01";
    private static final String RID_B = "6f1c9a54-2a1e-4c6e-9a52-0d2b7f8e1a02";

    private final DetectorHarness detector = new DetectorHarness();

    @AfterEach
    void close() {
        detector.close();
    }

    @Test
    void aStartThenASuccessRecordsTheRunsDuration() {
        detector.define("m1", 3600, 300);
        detector.up("m1", 1);

        detector.start("m1", null, 100);
        assertThat(detector.state("m1").visibleStatus()).isEqualTo(MonitorStatus.STARTED);
        detector.signal("m1", PushStatus.UP, 0, null, null, 142.5);

        MonitorState state = detector.state("m1");
        assertThat(state.visibleStatus()).isEqualTo(MonitorStatus.UP);
        assertThat(state.lastDurationMillis()).isEqualTo(42_500L);
        assertThat(state.lastExitStatus()).isZero();
        assertThat(state.deadline()).as("the next run is counted from the end").isEqualTo(at(142.5 + 3900).toEpochMilli());
        assertThat(detector.history("m1").get(0).durationMillis()).isEqualTo(42_500L);
        assertThat(detector.events()).isEmpty();
    }

    @Test
    void aStartThenAFailureGoesDownWithTheRunsDuration() {
        detector.define("m1", 3600, 300);
        detector.up("m1", 1);

        detector.start("m1", null, 100);
        detector.signal("m1", PushStatus.DOWN, 3, null, null, 110);

        assertThat(detector.events()).singleElement().satisfies(down -> {
            assertThat(down.reason()).isEqualTo(EventReason.REPORTED_DOWN);
            assertThat(down.at()).isEqualTo(at(110));
        });
        MonitorState state = detector.state("m1");
        assertThat(state.status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(state.lastExitStatus()).isEqualTo(3);
        assertThat(state.lastDurationMillis()).isEqualTo(10_000L);
        assertThat(state.runs()).isEmpty();
    }

    @Test
    void aStartWithNoEndWithinTheGraceTimeGoesDownForRunningTooLong() {
        detector.define("m1", 3600, 60);
        detector.up("m1", 1);
        detector.start("m1", null, 100);

        detector.runUntil(0, 160);
        assertThat(detector.events()).as("not before start plus 60 s of grace").isEmpty();
        detector.runUntil(161, 163);

        assertThat(detector.events()).singleElement().satisfies(down -> {
            assertThat(down.reason()).isEqualTo(EventReason.TIMEOUT);
            assertThat(down.at()).isEqualTo(at(160));
        });
        assertThat(detector.state("m1").runs()).as("the overdue run is dropped").isEmpty();
    }

    @Test
    void maxRuntimeSecondsOverridesTheGraceTimeForARun() {
        detector.defineWithRunLimit("m1", 3600, 60, 600);
        detector.up("m1", 1);
        detector.start("m1", null, 100);

        detector.runUntil(0, 699);
        assertThat(detector.events()).isEmpty();
        detector.runUntil(700, 702);

        assertThat(detector.events()).extracting(MonitorEvent::at).containsExactly(at(700));
    }

    @Test
    void aRunOnAMonitorWithoutGraceOrRunLimitKeepsTheScheduleDeadline() {
        detector.define("m1", 300, 0);
        detector.up("m1", 1);

        detector.start("m1", null, 100);
        detector.runUntil(0, 200);
        detector.up("m1", 201);

        assertThat(detector.events()).as("a limit of zero would take every start down").isEmpty();
        assertThat(detector.state("m1").lastDurationMillis()).isEqualTo(101_000L);
    }

    @Test
    void aFirstRunThatHangsGoesDownFromNew() {
        detector.define("m1", 3600, 60);
        detector.start("m1", null, 100);

        detector.runUntil(0, 165);

        assertThat(detector.events()).singleElement().satisfies(down -> {
            assertThat(down.from()).isEqualTo(MonitorStatus.NEW);
            assertThat(down.at()).isEqualTo(at(160));
        });
    }

    @Test
    void aLateEndRecoversAndDoesNotGoDownAgain() {
        detector.define("m1", 3600, 60);
        detector.up("m1", 1);
        detector.start("m1", null, 100);
        detector.runUntil(0, 170);

        detector.up("m1", 200);
        detector.runUntil(171, 400);

        assertThat(detector.events()).extracting(MonitorEvent::to).containsExactly(MonitorStatus.DOWN,
                MonitorStatus.UP);
        assertThat(detector.state("m1").deadline()).isEqualTo(at(200 + 3660).toEpochMilli());
    }

    @Test
    void overlappingRunsPairByRunIdAndEachGetsItsDuration() {
        detector.define("m1", 3600, 300);
        detector.up("m1", 1);

        detector.start("m1", RID_A, 100);
        detector.start("m1", RID_B, 130);
        detector.signal("m1", PushStatus.UP, 0, RID_A, null, 150);
        assertThat(detector.state("m1").visibleStatus()).as("run B is still open").isEqualTo(MonitorStatus.STARTED);
        detector.signal("m1", PushStatus.UP, 0, RID_B, null, 210);

        assertThat(detector.history("m1")).extracting(HeartbeatEntry::rid, HeartbeatEntry::durationMillis)
                .startsWith(org.assertj.core.groups.Tuple.tuple(RID_B, 80_000L),
                        org.assertj.core.groups.Tuple.tuple(RID_A, 50_000L));
        assertThat(detector.state("m1").runs()).isEmpty();
    }

    @Test
    void anOpenRunWithARunIdKeepsItsOwnLimitWhileAnotherEnds() {
        detector.define("m1", 3600, 60);
        detector.up("m1", 1);

        detector.start("m1", RID_A, 100);
        detector.start("m1", RID_B, 130);
        detector.signal("m1", PushStatus.UP, 0, RID_B, null, 140);

        assertThat(detector.state("m1").deadline()).as("run A must end by its start plus grace")
                .isEqualTo(at(160).toEpochMilli());
    }

    @Test
    void aStartWithoutRunIdReplacesTheEarlierOne() {
        detector.define("m1", 3600, 60);
        detector.up("m1", 1);

        detector.start("m1", null, 100);
        detector.start("m1", null, 140);
        detector.up("m1", 150);

        assertThat(detector.state("m1").lastDurationMillis()).isEqualTo(10_000L);
        assertThat(detector.state("m1").runs()).isEmpty();
        detector.runUntil(0, 400);
        assertThat(detector.events()).isEmpty();
    }

    @Test
    void exitStatusZeroIsASuccessAndThreeAFailure() {
        detector.define("m1", 3600, 60);
        detector.up("m1", 1);

        detector.signal("m1", PushStatus.UP, 0, null, null, 10);
        assertThat(detector.state("m1").status()).isEqualTo(MonitorStatus.UP);
        detector.signal("m1", PushStatus.DOWN, 3, null, null, 20);

        assertThat(detector.state("m1").status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(detector.state("m1").lastExitStatus()).isEqualTo(3);
        assertThat(detector.history("m1")).extracting(HeartbeatEntry::exitStatus).startsWith(3, 0);
    }

    @Test
    void aLogChangesNothingButTheHistory() {
        detector.define("m1", 60, 0);
        detector.up("m1", 1);
        MonitorState before = detector.state("m1");

        detector.signal("m1", PushStatus.LOG, null, null, "disk at 91%".getBytes(StandardCharsets.UTF_8), 30);

        MonitorState after = detector.state("m1");
        assertThat(after.lastHeartbeatAt()).isEqualTo(before.lastHeartbeatAt());
        assertThat(after.deadline()).isEqualTo(before.deadline());
        assertThat(after.status()).isEqualTo(MonitorStatus.UP);
        assertThat(detector.history("m1").get(0).status()).isEqualTo(PushStatus.LOG);
        detector.runUntil(0, 62);
        assertThat(detector.events()).as("a log is no heartbeat: the monitor is down at 61 s")
                .extracting(MonitorEvent::at).containsExactly(at(61));
    }

    @Test
    void aBodyIsKeptOutsideTheStateAndOnlyTheLastOnesAreKept() {
        detector.define("m1", 3600, 60);
        byte[] notUtf8 = { (byte) 0xff, (byte) 0xfe, 0, 1 };
        detector.signal("m1", PushStatus.UP, null, null, notUtf8, 1);
        for (int i = 2; i <= DetectorStores.BODIES_KEPT + 1; i++) {
            detector.signal("m1", PushStatus.UP, null, null, ("run " + i).getBytes(StandardCharsets.UTF_8), i);
        }

        assertThat(detector.history("m1").get(0).bodySize()).isEqualTo(("run " + 21).length());
        assertThat(detector.body("m1", 0)).as("the first body gave way to the 21st").isEmpty();
        assertThat(detector.body("m1", 20)).hasValueSatisfying(body ->
                assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("run 21"));
        assertThat(detector.bodyEntries()).isEqualTo(DetectorStores.BODIES_KEPT);
    }

    @Test
    void bytesThatAreNotUtf8AreKeptAsReceived() {
        detector.define("m1", 3600, 60);
        byte[] notUtf8 = { (byte) 0xff, (byte) 0xfe, 0, 1 };

        detector.signal("m1", PushStatus.DOWN, 1, null, notUtf8, 1);

        assertThat(detector.body("m1", 0)).hasValue(notUtf8);
    }

    @Test
    void deletingAMonitorRemovesItsBodies() {
        detector.define("m1", 3600, 60);
        detector.signal("m1", PushStatus.UP, null, null, "output".getBytes(StandardCharsets.UTF_8), 1);

        detector.delete("m1", at(2));

        assertThat(detector.bodyEntries()).isZero();
    }

    @Test
    void aResumeForgetsTheRunsStartedBeforeThePause() {
        detector.define("m1", 3600, 60);
        detector.up("m1", 1);
        detector.start("m1", null, 10);
        detector.define(DetectorHarness.definition("m1", 3600, 60, true, at(20)));
        detector.push("m1", PushStatus.UP, "tick", 25);

        detector.define(DetectorHarness.definition("m1", 3600, 60, false, at(500)));

        assertThat(detector.state("m1").runs()).isEmpty();
        detector.runUntil(0, 600);
        assertThat(detector.events()).isEmpty();
    }
}
