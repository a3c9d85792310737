package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.schedule.Schedules;

/** The thresholds of the alert policy in the status machine's pure functions; times are seconds. */
class StatusMachineThresholdsTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @SuppressWarnings("unchecked")
    private static final Serde<MonitorState> STORE_SERDE =
            (Serde<MonitorState>) DetectorStore.MONITOR_STATE.valueSerde();

    private final StatusMachine machine = new StatusMachine(DeadlineRule.bySchedule());

    private static MonitorDefinition monitor(int failureThreshold, int recoveryThreshold) {
        return new MonitorDefinition("m1", "tenant-1", "job", "token", 60, 30, false, List.of(), T0, T0, null, 0,
                false, null, List.of(), new AlertPolicy(failureThreshold, recoveryThreshold, 0, 0));
    }

    private static long ms(long seconds) {
        return T0.plusSeconds(seconds).toEpochMilli();
    }

    private MonitorState upAt(MonitorDefinition definition, long seconds) {
        MonitorState created = machine.onDefinition(null, definition, ms(0)).state();
        return push(created, PushStatus.UP, seconds).state();
    }

    private Transition push(MonitorState state, PushStatus status, long seconds) {
        return machine.onPush(state, Heartbeat.push(status, null, null, "10.0.0.1", "curl", ms(seconds)), ms(seconds));
    }

    @Test
    void twoMissedDeadlinesThenASuccessOpenNoIncidentWithThresholdThree() {
        MonitorState state = upAt(monitor(3, 1), 0);

        Transition first = machine.onDeadline(state);
        Transition second = machine.onDeadline(first.state());
        Transition success = push(second.state(), PushStatus.UP, 160);

        assertThat(first.event()).isEmpty();
        assertThat(first.state().status()).isEqualTo(MonitorStatus.UP);
        assertThat(first.state().streak().failures()).isEqualTo(1);
        assertThat(first.state().deadline()).as("one period after the missed one").isEqualTo(ms(150));
        assertThat(second.event()).isEmpty();
        assertThat(second.state().streak().failures()).isEqualTo(2);
        assertThat(second.state().deadline()).isEqualTo(ms(210));
        assertThat(success.event()).isEmpty();
        assertThat(success.state().streak().failures()).isZero();
        assertThat(success.state().deadline()).isEqualTo(ms(250));
        assertThat(success.state().incident()).isZero();
    }

    @Test
    void threeMissedDeadlinesOpenOneIncidentAtTheThirdDeadline() {
        MonitorState state = upAt(monitor(3, 1), 0);

        Transition first = machine.onDeadline(state);
        Transition second = machine.onDeadline(first.state());
        Transition third = machine.onDeadline(second.state());

        MonitorEvent down = third.event().orElseThrow();
        assertThat(down.reason()).isEqualTo(EventReason.TIMEOUT);
        assertThat(down.at()).isEqualTo(Instant.ofEpochMilli(ms(210)));
        assertThat(down.incident()).isEqualTo(1);
        assertThat(down.eventId()).isEqualTo(StatusMachine.eventId("m1", 1, MonitorStatus.DOWN));
        assertThat(third.state().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(third.state().deadline()).isNull();
        assertThat(third.state().streak().failures()).isZero();
    }

    @Test
    void downPushesBelowTheThresholdAreFailuresCountedAndMissesCountWithThem() {
        MonitorState state = upAt(monitor(3, 1), 0);

        Transition reported = push(state, PushStatus.DOWN, 30);
        Transition missed = machine.onDeadline(reported.state());
        Transition reportedAgain = push(missed.state(), PushStatus.DOWN, 170);

        assertThat(reported.event()).isEmpty();
        assertThat(reported.state().status()).isEqualTo(MonitorStatus.UP);
        assertThat(reported.state().deadline()).as("the job ran: its next run is expected as after any push")
                .isEqualTo(ms(120));
        assertThat(missed.event()).isEmpty();
        assertThat(missed.state().streak().failures()).isEqualTo(2);
        MonitorEvent down = reportedAgain.event().orElseThrow();
        assertThat(down.reason()).isEqualTo(EventReason.REPORTED_DOWN);
        assertThat(down.at()).isEqualTo(Instant.ofEpochMilli(ms(170)));
    }

    @Test
    void aDownMonitorWithRecoveryThresholdTwoRecoversOnTheSecondConsecutiveGoodPush() {
        MonitorState down = machine.onDeadline(upAt(monitor(1, 2), 0)).state();

        Transition firstGood = push(down, PushStatus.UP, 200);
        Transition secondGood = push(firstGood.state(), PushStatus.UP, 260);

        assertThat(firstGood.event()).isEmpty();
        assertThat(firstGood.state().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(firstGood.state().streak().recoveries()).isEqualTo(1);
        MonitorEvent recovered = secondGood.event().orElseThrow();
        assertThat(recovered.reason()).isEqualTo(EventReason.RECOVERED);
        assertThat(recovered.incident()).isEqualTo(1);
        assertThat(recovered.downSince()).isEqualTo(Instant.ofEpochMilli(ms(90)));
        assertThat(recovered.eventId()).isEqualTo(StatusMachine.eventId("m1", 1, MonitorStatus.UP));
        assertThat(secondGood.state().status()).isEqualTo(MonitorStatus.UP);
        assertThat(secondGood.state().streak().recoveries()).isZero();
        assertThat(secondGood.state().deadline()).isEqualTo(ms(350));
    }

    @Test
    void aFailureWhileRecoveringStartsTheCountOfGoodPushesAgain() {
        MonitorState down = machine.onDeadline(upAt(monitor(1, 2), 0)).state();

        Transition good = push(down, PushStatus.UP, 200);
        Transition failed = push(good.state(), PushStatus.DOWN, 220);
        Transition goodAgain = push(failed.state(), PushStatus.UP, 240);

        assertThat(failed.event()).as("still the same incident").isEmpty();
        assertThat(failed.state().streak().recoveries()).isZero();
        assertThat(goodAgain.event()).isEmpty();
        assertThat(goodAgain.state().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(goodAgain.state().streak().recoveries()).isEqualTo(1);
    }

    @Test
    void aSilenceWhileRecoveringStartsTheCountAgainWithoutASecondDown() {
        MonitorState down = machine.onDeadline(upAt(monitor(1, 2), 0)).state();
        MonitorState recovering = push(down, PushStatus.UP, 200).state();

        Transition silent = machine.onDeadline(recovering);

        assertThat(recovering.deadline()).isEqualTo(ms(290));
        assertThat(silent.event()).isEmpty();
        assertThat(silent.state().status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(silent.state().streak().recoveries()).isZero();
        assertThat(silent.state().deadline()).isNull();
        assertThat(silent.state().incident()).isEqualTo(1);
    }

    @Test
    void aMissedCronRunBelowTheThresholdWaitsForTheNextExpectedRun() {
        MonitorDefinition hourly = new MonitorDefinition("m1", "tenant-1", "job", "token", 0, 300, false, List.of(),
                T0, T0, Schedules.parse("0 * * * *", "UTC"), 0, false, null, List.of(),
                new AlertPolicy(2, 1, 0, 0));
        MonitorState state = upAt(hourly, 10);

        Transition missed = machine.onDeadline(state);

        assertThat(state.deadline()).isEqualTo(ms(3600 + 300));
        assertThat(missed.event()).isEmpty();
        assertThat(missed.state().deadline()).isEqualTo(ms(7200 + 300));
    }

    @Test
    void resumingForgetsTheFailuresCountedBeforeThePause() {
        MonitorDefinition definition = monitor(3, 1);
        MonitorState failing = machine.onDeadline(upAt(definition, 0)).state();

        MonitorState paused = machine.onDefinition(failing, definition.withPaused(true, T0), ms(100)).state();
        MonitorState resumed = machine.onDefinition(paused, definition.withPaused(false, T0), ms(500)).state();

        assertThat(failing.streak().failures()).isEqualTo(1);
        assertThat(resumed.streak().failures()).isZero();
        assertThat(resumed.deadline()).isEqualTo(ms(590));
    }

    @Test
    void aChangedPolicyTakesNewThresholdsAndKeepsTheCount() {
        MonitorState failing = machine.onDeadline(upAt(monitor(3, 1), 0)).state();

        MonitorState lowered = machine.onDefinition(failing, monitor(2, 4), ms(100)).state();
        Transition next = machine.onDeadline(lowered);

        assertThat(lowered.streak()).isEqualTo(new Streak(2, 1, 4, 0));
        assertThat(next.event()).isPresent();
    }

    @Test
    void stateWrittenBeforeThresholdsReadsAsThresholdsOneWithNothingCounted() {
        String old = "{\"monitorId\":\"m1\",\"tenantId\":\"tenant-1\",\"name\":\"job\",\"timeoutSeconds\":60,"
                + "\"graceSeconds\":30,\"paused\":false,\"channelIds\":[],\"status\":\"up\","
                + "\"lastHeartbeatAt\":1893456000000,\"armedAt\":1893456000000,\"deadline\":1893456090000,"
                + "\"incident\":2,\"heartbeatCount\":7,\"maxRuntimeSeconds\":0,\"runs\":[]}";

        MonitorState state = STORE_SERDE.deserializer().deserialize("monitor-state", old.getBytes());

        assertThat(state.streak()).isEqualTo(Streak.DEFAULT);
        assertThat(state.streak()).isEqualTo(new Streak(1, 0, 1, 0));
        Transition missed = machine.onDeadline(state);
        assertThat(missed.event()).as("one miss is down, as before thresholds").isPresent();
        assertThat(missed.state().incident()).isEqualTo(3);
    }

    @Test
    void theStreakSurvivesTheStateStoresSerde() {
        MonitorState failing = machine.onDeadline(upAt(monitor(3, 2), 0)).state();

        byte[] bytes = STORE_SERDE.serializer().serialize("monitor-state", failing);

        assertThat(STORE_SERDE.deserializer().deserialize("monitor-state", bytes).streak())
                .isEqualTo(new Streak(3, 1, 2, 0));
    }
}
