package io.pushmon.processor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;

class RemindersTest {

    private final PolicyHarness harness = new PolicyHarness(PolicyHarness.plain());

    @AfterEach
    void close() {
        harness.close();
    }

    private void downAtEleven(AlertPolicy policy) {
        harness.define("m1", 10, List.of(), policy);
        harness.push("m1");
        harness.runUntil(12);
    }

    @Test
    void aDownIsNotifiedOnceAndItsRecoveryOnceWithoutReminders() {
        downAtEleven(AlertPolicy.DEFAULT);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("DOWN m1");
        harness.runUntil(400);
        harness.push("m1");
        harness.runUntil(402);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("UP m1");
        assertThat(sent.get(0).channelIds()).containsExactly("channel-m1");
    }

    @Test
    void remindersComeEveryIntervalUpToTheirLimit() {
        downAtEleven(new AlertPolicy(1, 1, 60, 2));
        harness.runUntil(300);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("DOWN m1", "REMINDER m1", "REMINDER m1");
        assertThat(sent.get(1).notice().reminder()).isEqualTo(1);
        assertThat(sent.get(2).notice().reminder()).isEqualTo(2);
        assertThat(sent.get(1).notice().transition()).isEqualTo("reminder-1");
        assertThat(sent.get(1).incident()).isEqualTo(sent.get(0).incident());
    }

    @Test
    void remindersStopOnAcknowledgementAndTheChannelsAreToldWho() {
        downAtEleven(new AlertPolicy(1, 1, 60, 0));
        harness.runUntil(75);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("DOWN m1", "REMINDER m1");
        harness.acknowledge("m1", 1, "alice@example.com");
        harness.runUntil(400);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("ACKNOWLEDGED m1");
        assertThat(sent.get(0).notice().acknowledgedBy()).isEqualTo("alice@example.com");
    }

    @Test
    void anAcknowledgementOfAnotherIncidentChangesNothing() {
        downAtEleven(new AlertPolicy(1, 1, 60, 0));
        harness.alerts();
        harness.acknowledge("m1", 7, "alice@example.com");
        harness.runUntil(75);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("REMINDER m1");
    }

    @Test
    void remindersStopOnRecovery() {
        downAtEleven(new AlertPolicy(1, 1, 60, 0));
        harness.runUntil(75);
        harness.alerts();
        harness.push("m1");
        harness.runUntil(400, () -> harness.push("m1"));
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("UP m1");
    }

    @Test
    void aDownPushIsNotifiedWithItsMessage() {
        harness.define("m1", 10);
        harness.push("m1");
        harness.runUntil(3);
        harness.pushDown("m1", "disk full");
        harness.runUntil(4);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("DOWN m1");
        assertThat(sent.get(0).lastMsg()).isEqualTo("disk full");
        assertThat(sent.get(0).notice()).isEqualTo(Notice.of(Notice.Kind.DOWN));
    }
}
