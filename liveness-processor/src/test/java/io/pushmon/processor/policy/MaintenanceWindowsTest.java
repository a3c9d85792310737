package io.pushmon.processor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.MaintenanceWindow;
import io.pushmon.common.model.MaintenanceWindow.Scope;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.schedule.Schedules;

class MaintenanceWindowsTest {

    private final PolicyHarness harness = new PolicyHarness(PolicyHarness.plain());

    @AfterEach
    void close() {
        harness.close();
    }

    private static MaintenanceWindow oneOff(String id, Scope scope, String target, double from, double to) {
        return new MaintenanceWindow(id, PolicyHarness.TENANT, "upgrade", scope, target, PolicyHarness.at(from),
                PolicyHarness.at(to), null, 0, PolicyHarness.T0);
    }

    @Test
    void aWindowHidesADownAndAStillDownMonitorIsNotifiedOnceAtItsEnd() {
        harness.window(oneOff("w1", Scope.MONITOR, "m1", 0, 120));
        harness.define("m1", 10);
        harness.push("m1");
        harness.runUntil(119);
        assertThat(harness.alerts()).isEmpty();
        harness.runUntil(400);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("DOWN m1");
        assertThat(sent.get(0).at()).isEqualTo(PolicyHarness.at(10));
    }

    @Test
    void aMonitorThatRecoversDuringItsWindowIsNeverNotified() {
        harness.window(oneOff("w1", Scope.TENANT, null, 0, 120));
        harness.define("m1", 10);
        harness.push("m1");
        harness.runUntil(60);
        harness.push("m1");
        harness.runUntil(400, () -> harness.push("m1"));
        assertThat(harness.alerts()).isEmpty();
    }

    @Test
    void aTagWindowCoversOnlyTheMonitorsWithTheTag() {
        harness.window(oneOff("w1", Scope.TAG, "db", 0, 600));
        harness.define("db1", 10, List.of("db"), AlertPolicy.DEFAULT);
        harness.define("web1", 10, List.of("web"), AlertPolicy.DEFAULT);
        harness.push("db1");
        harness.push("web1");
        harness.runUntil(30);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("DOWN web1");
    }

    @Test
    void aRecurringWindowHoldsDownsWhileAnOccurrenceIsOpen() {
        // 2030-01-01 is a Tuesday; the window opens every day at 00:00 for 5 minutes.
        harness.window(new MaintenanceWindow("nightly", PolicyHarness.TENANT, "nightly backup", Scope.TENANT, null,
                null, null, Schedules.parse("0 0 * * *", "UTC"), 300, PolicyHarness.T0));
        harness.define("m1", 10);
        harness.push("m1");
        harness.runUntil(299);
        assertThat(harness.alerts()).isEmpty();
        harness.runUntil(302);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("DOWN m1");
    }

    @Test
    void aDeletedWindowNoLongerHolds() {
        harness.window(oneOff("w1", Scope.TENANT, null, 0, 600));
        harness.deleteWindow("w1");
        harness.define("m1", 10);
        harness.push("m1");
        harness.runUntil(12);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("DOWN m1");
    }

    @Test
    void remindersStartWhenTheHeldDownIsNotified() {
        harness.window(oneOff("w1", Scope.MONITOR, "m1", 0, 100));
        harness.define("m1", 10, List.of(), new AlertPolicy(1, 1, 60, 1));
        harness.push("m1");
        harness.runUntil(400);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("DOWN m1", "REMINDER m1");
        assertThat(sent.get(1).notice().reminder()).isEqualTo(1);
    }
}
