package io.pushmon.processor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.DetectorPulse;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;

/**
 * The storm guard in the topology. The other 999 detector tasks of a large system are played by one pulse (partition
 * 1) the test sends every second; the ten monitors of the test live in partition 0, whose own pulse is real.
 */
class StormGuardTopologyTest {

    private static PolicySettings.Storm storm(boolean releaseStillDown) {
        return new PolicySettings.Storm(true, 0.2, 0.3, 100, Duration.ofSeconds(15), Duration.ofSeconds(10),
                releaseStillDown,
                Optional.of("ops"), Optional.of("ops-pager"), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    private PolicyHarness harness = new PolicyHarness(PolicyHarness.plain().withStorm(storm(true)));
    /** What the rest of the system reports: monitors, downs in the last minute, ingest now and before. */
    private long downs;
    private double ingest = 1000;

    @AfterEach
    void close() {
        harness.close();
    }

    private void tenMonitorsStopAtZero() {
        IntStream.rangeClosed(1, 10).forEach(i -> harness.define("m" + i, 10));
        IntStream.rangeClosed(1, 10).forEach(i -> harness.push("m" + i));
    }

    /** Monitors pushing again, every second. */
    private final List<String> recovered = new ArrayList<>();

    private void run(double until) {
        harness.runUntil(until, () -> {
            harness.pulse(1, 5_000, downs, ingest, 1000);
            recovered.forEach(harness::push);
        });
    }

    @Test
    void downsAreHeldInAStormAndThoseStillDownOnceIngestSettledAreNotified() {
        tenMonitorsStopAtZero();
        ingest = 300;
        downs = 2_000;
        run(30);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("STORM_HELD pushmon:ingest");
        assertThat(sent.get(0).tenantId()).isEqualTo("ops");
        assertThat(sent.get(0).channelIds()).containsExactly("ops-pager");
        assertThat(sent.get(0).lastMsg()).contains("2000 of 50", "monitors down within a minute, ingest 300.0/s");

        // One job is back during the storm, another once ingest is back but before the settle time is up.
        recovered.add("m1");
        run(32);
        assertThat(harness.alerts()).isEmpty();
        ingest = 990;
        run(38);
        recovered.add("m2");
        run(41);
        assertThat(harness.alerts()).isEmpty();
        run(44);
        sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).contains("STORM_CLEARED pushmon:ingest")
                .filteredOn(line -> line.startsWith("DOWN")).hasSize(8).doesNotContain("DOWN m1", "DOWN m2");
        assertThat(sent).filteredOn(alert -> alert.notice().kind().name().equals("STORM_CLEARED"))
                .extracting(MonitorEvent::to).containsExactly(MonitorStatus.UP);
    }

    @Test
    void aStormLastsUntilIngestIsBackNearItsRateBeforeIt() {
        tenMonitorsStopAtZero();
        ingest = 300;
        downs = 2_000;
        run(30);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("STORM_HELD pushmon:ingest");
        // 75% of the rate before: no longer a drop by 30%, but not back either.
        ingest = 750;
        run(60);
        assertThat(harness.alerts()).isEmpty();
        ingest = 900;
        run(70);
        assertThat(harness.alerts()).isEmpty();
        run(73);
        assertThat(PolicyHarness.kinds(harness.alerts())).contains("STORM_CLEARED pushmon:ingest");
    }

    @Test
    void theDropRuleDropsHeldDownsAndTheirRecoveries() {
        harness.close();
        harness = new PolicyHarness(PolicyHarness.plain().withStorm(storm(false)));
        tenMonitorsStopAtZero();
        ingest = 300;
        downs = 2_000;
        run(30);
        ingest = 1000;
        run(45);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("STORM_HELD pushmon:ingest",
                "STORM_CLEARED pushmon:ingest");
        IntStream.rangeClosed(1, 10).forEach(i -> harness.push("m" + i));
        run(37);
        assertThat(harness.alerts()).isEmpty();
    }

    @Test
    void downsWaitWhileIngestFallsAndGoOutWhenNoStormFollows() {
        tenMonitorsStopAtZero();
        ingest = 300;
        // Declared at 10, they wait while ingest keeps falling, for at most three confirm times (45 s).
        run(50);
        assertThat(harness.alerts()).isEmpty();
        run(60);
        assertThat(PolicyHarness.kinds(harness.alerts())).hasSize(10).allMatch(line -> line.startsWith("DOWN m"));
    }

    @Test
    void downsHeldWhileIngestFellGoOutSoonAfterItIsBack() {
        tenMonitorsStopAtZero();
        ingest = 300;
        run(20);
        ingest = 1000;
        // The fall counts until 35 (15 s after it was last seen); the held downs are looked at again at 41.
        run(45);
        assertThat(PolicyHarness.kinds(harness.alerts())).hasSize(10).allMatch(line -> line.startsWith("DOWN m"));
    }

    @Test
    void aDetectorTaskReportsItsMonitorsAndABaselineOnlyAfterThirtySeconds() {
        tenMonitorsStopAtZero();
        run(20);
        assertThat(harness.pulsesSeen()).filteredOn(pulse -> pulse.partition() == 0).singleElement()
                .satisfies(pulse -> {
                    assertThat(pulse.monitors()).isEqualTo(10);
                    assertThat(pulse.baselinePerSecond()).isZero();
                });
        harness.runUntil(60, () -> IntStream.rangeClosed(1, 10).forEach(i -> harness.push("m" + i)));
        assertThat(harness.pulsesSeen()).filteredOn(pulse -> pulse.partition() == 0).singleElement()
                .satisfies(pulse -> {
                    assertThat(pulse.ingestPerSecond()).isEqualTo(10.0);
                    assertThat(pulse.baselinePerSecond()).isGreaterThan(3.0);
                    assertThat(pulse.downsLastMinute()).isEqualTo(10);
                });
        harness.delete("m10");
        harness.define("m11", 10);
        harness.delete("m9");
        run(62);
        assertThat(harness.pulsesSeen()).filteredOn(pulse -> pulse.partition() == 0).singleElement()
                .extracting(DetectorPulse::monitors).isEqualTo(9L);
    }

    @Test
    void aBacklogReadAfterAStallCountsInTheSecondsTheBrokerStampedIt() {
        IntStream.rangeClosed(1, 10).forEach(i -> harness.define("m" + i, 100));
        for (int second = 1; second <= 60; second++) {
            int stamped = second;
            IntStream.rangeClosed(1, 10).forEach(i -> harness.pushStampedAt("m" + i, stamped));
        }
        harness.runUntil(1);
        assertThat(harness.pulsesSeen()).filteredOn(pulse -> pulse.partition() == 0).singleElement()
                .satisfies(pulse -> {
                    assertThat(pulse.ingestPerSecond()).isEqualTo(10.0);
                    assertThat(pulse.baselinePerSecond()).isEqualTo(10.0);
                });
    }

    @Test
    void manyDownsWithIngestAsUsualAreTheMonitorsOwn() {
        tenMonitorsStopAtZero();
        downs = 4_000;
        run(12);
        assertThat(PolicyHarness.kinds(harness.alerts())).hasSize(10).allMatch(line -> line.startsWith("DOWN m"));
    }
}
