package io.pushmon.processor.detector;

import static io.pushmon.processor.detector.DetectorHarness.T0;
import static io.pushmon.processor.detector.DetectorHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;

/** The alert policy's thresholds through the real topology, with heartbeat time and wall clock moved by the test. */
class ThresholdTransitionsTest {

    private final DetectorHarness detector = new DetectorHarness();

    @AfterEach
    void close() {
        detector.close();
    }

    private void define(String id, int failureThreshold, int recoveryThreshold) {
        detector.define(new MonitorDefinition(id, "tenant-1", "job " + id, "secret-token-" + id, 60, 30, false,
                List.of("channel-1"), T0, T0, null, 0, false, null, List.of(),
                new AlertPolicy(failureThreshold, recoveryThreshold, 0, 0)));
    }

    @Test
    void twoMissedDeadlinesThenASuccessEmitNothingWithThresholdThree() {
        define("m1", 3, 1);
        detector.up("m1", 0);

        detector.runUntil(0, 200);
        MonitorState failing = detector.state("m1");
        detector.up("m1", 200);
        detector.runUntil(201, 260);

        assertThat(failing.status()).isEqualTo(MonitorStatus.UP);
        assertThat(failing.streak().failures()).isEqualTo(2);
        assertThat(failing.deadline()).isEqualTo(at(210).toEpochMilli());
        assertThat(detector.events()).isEmpty();
        assertThat(detector.state("m1").streak().failures()).isZero();
        assertThat(detector.state("m1").deadline()).isEqualTo(at(290).toEpochMilli());
    }

    @Test
    void threeMissedDeadlinesEmitOneDownAtTheThirdDeadline() {
        define("m1", 3, 1);
        detector.up("m1", 0);

        detector.runUntil(0, 400);

        List<MonitorEvent> events = detector.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).to()).isEqualTo(MonitorStatus.DOWN);
        assertThat(events.get(0).reason()).isEqualTo(EventReason.TIMEOUT);
        assertThat(events.get(0).at()).isEqualTo(at(210));
        assertThat(events.get(0).incident()).isEqualTo(1);
        assertThat(detector.state("m1").deadline()).isNull();
    }

    @Test
    void aDownMonitorWithRecoveryThresholdTwoEmitsOneRecoveryOnTheSecondGoodPush() {
        define("m1", 1, 2);
        detector.up("m1", 0);
        detector.runUntil(0, 100);

        detector.up("m1", 101);
        MonitorState recovering = detector.state("m1");
        detector.runUntil(102, 130);
        detector.up("m1", 131);

        assertThat(recovering.status()).isEqualTo(MonitorStatus.DOWN);
        assertThat(recovering.streak().recoveries()).isEqualTo(1);
        assertThat(detector.events()).extracting(MonitorEvent::reason)
                .containsExactly(EventReason.TIMEOUT, EventReason.RECOVERED);
        assertThat(detector.state("m1").status()).isEqualTo(MonitorStatus.UP);
    }

    @Test
    void missesBelowTheThresholdWaitForTheHeartbeatTimeAsDownsDo() {
        define("m1", 2, 1);
        detector.up("m1", 0);

        detector.wallClockAt(1000);

        assertThat(detector.state("m1").streak().failures()).as("no heartbeat time read past the deadline").isZero();
        assertThat(detector.events()).isEmpty();
    }
}
