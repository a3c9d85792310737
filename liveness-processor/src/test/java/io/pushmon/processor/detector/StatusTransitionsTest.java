package io.pushmon.processor.detector;

import static io.pushmon.processor.detector.DetectorHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;

/** One test per transition of the status machine, through the real topology. */
class StatusTransitionsTest {

    private final DetectorHarness detector = new DetectorHarness();

    @AfterEach
    void close() {
        detector.close();
    }

    @Test
    void aMonitorStaysNewAndRaisesNoAlertBeforeItsFirstHeartbeat() {
        detector.define("m1", 60, 0);

        detector.runUntil(0, 600);

        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").status()).isEqualTo(MonitorStatus.NEW);
        assertThat(detector.state("m1").deadline()).isNull();
    }

    @Test
    void theFirstHeartbeatMakesTheMonitorUpAndArmsItsDeadline() {
        detector.define("m1", 60, 30);

        detector.up("m1", 5);

        MonitorState state = detector.state("m1");
        assertThat(state.status()).isEqualTo(MonitorStatus.UP);
        assertThat(state.lastHeartbeatAt()).isEqualTo(at(5).toEpochMilli());
        assertThat(state.deadline()).isEqualTo(at(95).toEpochMilli());
        assertThat(detector.events()).isEmpty();
    }

    @Test
    void anUpMonitorGoesDownAtLastHeartbeatPlusTimeoutPlusGraceAndTheEventTimeIsTheDeadline() {
        detector.define("m1", 60, 30);
        detector.push("m1", PushStatus.UP, "nightly backup done", 5);

        detector.runUntil(0, 95);
        assertThat(detector.events()).as("not due before deadline + margin has been observed").isEmpty();
        detector.runUntil(96, 100);

        List<MonitorEvent> events = detector.events();
        assertThat(events).hasSize(1);
        MonitorEvent down = events.get(0);
        assertThat(down.from()).isEqualTo(MonitorStatus.UP);
        assertThat(down.to()).isEqualTo(MonitorStatus.DOWN);
        assertThat(down.reason()).isEqualTo(EventReason.TIMEOUT);
        assertThat(down.at()).isEqualTo(at(95));
        assertThat(down.incident()).isEqualTo(1);
        assertThat(down.lastHeartbeatAt()).isEqualTo(at(5));
        assertThat(down.lastMsg()).isEqualTo("nightly backup done");
        assertThat(down.lastValue()).isEqualTo(1.5);
        assertThat(down.monitorName()).isEqualTo("job m1");
        assertThat(down.tenantId()).isEqualTo("tenant-1");
        assertThat(down.channelIds()).containsExactly("channel-1");
        assertThat(down.eventId()).isEqualTo(StatusMachine.eventId("m1", 1, MonitorStatus.DOWN));
        assertThat(detector.state("m1").status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(detector.metrics.eventsEmitted(EventReason.TIMEOUT)).isEqualTo(1);
    }

    @Test
    void noDownIsDeclaredWhileHeartbeatTimeLagsTheWallClock() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.ticks(1, 30);

        // The processor is behind: the wall clock is ten minutes past the deadline, heartbeats only 30 s.
        detector.wallClockAt(600);
        assertThat(detector.events()).isEmpty();

        // The backlog holds a push before the deadline: the monitor was never down.
        detector.ticks(31, 50);
        detector.up("m1", 50);
        detector.ticks(51, 100);
        detector.wallClockAt(700);
        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").deadline()).isEqualTo(at(110).toEpochMilli());
    }

    @Test
    void noDownIsDeclaredForTheTimeOfAnIngestGapAndItsDeadlinesMoveByTheGap() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.runUntil(1, 30);

        // Ingest outage: no ticks from 30 s to 130 s; the deadline at 60 s falls inside it.
        detector.wallClockAt(130);
        detector.tick(130);
        detector.wallClockAt(131);
        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").deadline()).isEqualTo(at(160).toEpochMilli());

        detector.runUntil(131, 161);
        List<MonitorEvent> events = detector.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at()).isEqualTo(at(160));
    }

    @Test
    void anExplicitDownGoesDownAtOnceAndTheLaterDeadlineAddsNoSecondDown() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.push("m1", PushStatus.DOWN, "disk full", 10);

        List<MonitorEvent> first = detector.events();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).reason()).isEqualTo(EventReason.REPORTED_DOWN);
        assertThat(first.get(0).at()).isEqualTo(at(10));
        assertThat(first.get(0).lastMsg()).isEqualTo("disk full");
        assertThat(first.get(0).from()).isEqualTo(MonitorStatus.UP);

        detector.runUntil(0, 300);
        detector.push("m1", PushStatus.DOWN, "still full", 301);
        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").incident()).isEqualTo(1);
    }

    @Test
    void aDownPushOnANewMonitorOpensItsFirstIncident() {
        detector.define("m1", 60, 0);

        detector.push("m1", PushStatus.DOWN, "failed on first run", 3);

        List<MonitorEvent> events = detector.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).from()).isEqualTo(MonitorStatus.NEW);
        assertThat(events.get(0).incident()).isEqualTo(1);
    }

    @Test
    void theNextUpPushRecoversAndClosesTheIncidentItNames() {
        detector.define("m1", 10, 0);
        detector.up("m1", 0);
        detector.runUntil(0, 12);
        detector.up("m1", 20);

        List<MonitorEvent> events = detector.events();
        assertThat(events).extracting(MonitorEvent::reason)
                .containsExactly(EventReason.TIMEOUT, EventReason.RECOVERED);
        MonitorEvent recovered = events.get(1);
        assertThat(recovered.from()).isEqualTo(MonitorStatus.DOWN);
        assertThat(recovered.to()).isEqualTo(MonitorStatus.UP);
        assertThat(recovered.incident()).isEqualTo(1);
        assertThat(recovered.downSince()).isEqualTo(at(10));
        assertThat(recovered.at()).isEqualTo(at(20));
        assertThat(recovered.eventId()).isEqualTo(StatusMachine.eventId("m1", 1, MonitorStatus.UP))
                .isNotEqualTo(events.get(0).eventId());
        assertThat(detector.state("m1").downSince()).isNull();

        detector.runUntil(13, 32);
        List<MonitorEvent> next = detector.events();
        assertThat(next).hasSize(1);
        assertThat(next.get(0).incident()).as("a new outage is a new incident").isEqualTo(2);
    }

    @Test
    void aPausedMonitorHasNoDeadlineNorEventsAndAResumeReArmsFromTheResumeTime() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.define(DetectorHarness.definition("m1", 60, 0, true, at(10)));
        assertThat(detector.state("m1").visibleStatus()).isEqualTo(MonitorStatus.PAUSED);
        assertThat(detector.indexEntries()).isEmpty();

        detector.runUntil(0, 300);
        detector.push("m1", PushStatus.DOWN, "ignored while paused", 200);
        assertThat(detector.events()).isEmpty();

        detector.define(DetectorHarness.definition("m1", 60, 0, false, at(300)));
        assertThat(detector.state("m1").deadline()).isEqualTo(at(360).toEpochMilli());
        detector.runUntil(301, 360);
        assertThat(detector.events()).isEmpty();
        detector.runUntil(361, 362);
        List<MonitorEvent> events = detector.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at()).isEqualTo(at(360));
    }

    @Test
    void aSuspendedMonitorRaisesNoAlertAndItsReleaseReArmsFromTheReleaseTime() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.define(DetectorHarness.definition("m1", 60, 0, false, at(10)).withSuspended(true, at(10)));
        assertThat(detector.indexEntries()).isEmpty();

        detector.runUntil(0, 300);
        assertThat(detector.events()).as("an operator's suspension is silent, however long").isEmpty();

        detector.define(DetectorHarness.definition("m1", 60, 0, false, at(300)));
        assertThat(detector.state("m1").deadline()).isEqualTo(at(360).toEpochMilli());
        detector.runUntil(301, 362);
        assertThat(detector.events()).hasSize(1);
    }

    @Test
    void aPausedMonitorStaysPausedWhenItsTenantIsReleased() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        MonitorDefinition paused = DetectorHarness.definition("m1", 60, 0, true, at(10));
        detector.define(paused.withSuspended(true, at(20)));
        detector.define(paused.withSuspended(false, at(30)));

        assertThat(detector.state("m1").visibleStatus()).isEqualTo(MonitorStatus.PAUSED);
        detector.runUntil(0, 300);
        assertThat(detector.events()).isEmpty();
    }

    @Test
    void aResumeFromAGatewayWhoseClockIsBehindReArmsFromTheBrokerTimeAlreadyRead() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.define(DetectorHarness.definition("m1", 60, 0, true, at(10)));
        detector.runUntil(0, 300);

        // The gateway's clock says 270 s while the broker has already stamped 300 s on this partition.
        detector.define(DetectorHarness.definition("m1", 60, 0, false, at(270)));

        assertThat(detector.state("m1").deadline()).isEqualTo(at(360).toEpochMilli());
        detector.runUntil(301, 360);
        assertThat(detector.events()).isEmpty();
    }

    @Test
    void aDeletedMonitorLosesItsStateHistoryAndIndexEntries() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.up("m1", 5);
        detector.delete("m1", at(6));

        detector.runUntil(0, 120);
        detector.up("m1", 121);

        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1")).isNull();
        assertThat(detector.indexEntries()).isEmpty();
        assertThat(detector.historyEntries()).isZero();
    }

    @Test
    void aShorterTimeoutRecomputesThePendingDeadlineAtOnce() {
        detector.define("m1", 600, 0);
        detector.up("m1", 0);
        detector.runUntil(0, 100);

        detector.define(DetectorHarness.definition("m1", 30, 5, false, at(100)));
        assertThat(detector.state("m1").deadline()).isEqualTo(at(35).toEpochMilli());
        detector.runUntil(101, 101);

        List<MonitorEvent> events = detector.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at()).isEqualTo(at(35));
        assertThat(detector.indexEntries()).isEmpty();
    }

    @Test
    void aLongerTimeoutKeepsTheMonitorUpPastItsOldDeadline() {
        detector.define("m1", 60, 0);
        detector.up("m1", 0);
        detector.runUntil(0, 30);

        detector.define(DetectorHarness.definition("m1", 300, 0, false, at(30)));
        detector.runUntil(31, 200);

        assertThat(detector.events()).isEmpty();
        assertThat(detector.indexEntries()).containsExactly(new DeadlineIndex.Entry(at(300).toEpochMilli(), "m1"));
    }

    @Test
    void aJsonHeartbeatOfAnOlderGatewayCountsLikeAnyOther() {
        detector.define("m1", 60, 0);

        detector.pushRaw("m1", "{\"kind\":\"push\",\"status\":\"up\",\"msg\":\"from 0.1\",\"receivedAt\":0}", 5);

        MonitorState state = detector.state("m1");
        assertThat(state.status()).isEqualTo(MonitorStatus.UP);
        assertThat(state.lastMsg()).isEqualTo("from 0.1");
        assertThat(state.deadline()).isEqualTo(at(65).toEpochMilli());
    }

    @Test
    void anUnreadableRecordIsSkippedAndThePartitionKeepsWatchingItsMonitors() {
        detector.define("m1", 5, 0);
        detector.up("m1", 0);

        detector.garbage("m1", 1);
        detector.runUntil(1, 8);

        assertThat(detector.events()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EventReason.TIMEOUT);
            assertThat(e.at()).isEqualTo(at(5));
        });
    }

    @Test
    void ticksMoveTheClockButCreateNoMonitorState() {
        detector.runUntil(0, 10);

        assertThat(detector.state(Heartbeat.TICK_KEY)).isNull();
        assertThat(detector.stateStore().approximateNumEntries()).isZero();
        assertThat(detector.historyEntries()).isZero();
    }

    @Test
    void theHeartbeatHistoryKeepsTheLastHundredPushesInOneSlotEach() {
        detector.define("m1", 600, 0);
        for (int i = 0; i < 130; i++) {
            detector.up("m1", i);
        }

        assertThat(detector.historyEntries()).isEqualTo(DetectorStores.HISTORY_SIZE);
        assertThat(detector.state("m1").heartbeatCount()).isEqualTo(130);
    }

    @Test
    void aFailureEvaluatingOneMonitorIsCountedItsDeadlineMovesAndTheOthersStillGoDown() {
        detector.define("broken", 60, 0);
        detector.define("healthy", 60, 0);
        detector.up("broken", 0);
        detector.up("healthy", 0);
        MonitorState broken = detector.state("broken");
        // A state no valid input produces (no status) makes the status machine fail on this monitor only.
        detector.stateStore().put("broken", new MonitorState(broken.monitorId(), broken.tenantId(), broken.name(),
                60, 0, false, List.of(), null, broken.lastHeartbeatAt(), null, null, broken.armedAt(),
                broken.deadline(), 0, null, 1, null, 0, List.of(), null, null, null));

        detector.runUntil(0, 61);

        assertThat(detector.events()).extracting(MonitorEvent::monitorId).containsExactly("healthy");
        assertThat(detector.metrics.evaluationFailures()).isEqualTo(1);
        // Failure retry past the cutoff that found it due: the tick at 61 s less the margin.
        long retryAt = at(61).minus(DetectorSettings.defaults().margin()).plusSeconds(30).toEpochMilli();
        assertThat(detector.state("broken").deadline()).isEqualTo(retryAt);
        assertThat(detector.indexEntries()).containsExactly(new DeadlineIndex.Entry(retryAt, "broken"));
    }
}
