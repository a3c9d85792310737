package io.pushmon.processor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.model.AlertPolicy;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;

class GroupingTest {

    private final PolicyHarness harness = new PolicyHarness(PolicySettings.defaults()
            .withGrouping(true, Duration.ofSeconds(20), 3).withStorm(PolicySettings.Storm.defaults().disabled()));

    @AfterEach
    void close() {
        harness.close();
    }

    /** Twelve monitors tagged eu-west; the first {@code silent} stop pushing after 0, the others keep going. */
    private void twelveTagged(int silent) {
        IntStream.rangeClosed(1, 12).forEach(i -> harness.define("eu" + i, 10, List.of("eu-west"),
                AlertPolicy.DEFAULT));
        IntStream.rangeClosed(1, 12).forEach(i -> harness.push("eu" + i));
        harness.runUntil(harness.now() + 1);
        keepPushing(silent, 0);
    }

    private void keepPushing(int silent, double untilSeconds) {
        harness.runUntil(untilSeconds, () -> IntStream.rangeClosed(silent + 1, 12)
                .forEach(i -> harness.push("eu" + i)));
    }

    @Test
    void fiveTaggedDownsWithinTheWindowGiveOneGroupNoticeAndASixthJoinsIt() {
        twelveTagged(5);
        keepPushing(5, 31);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("GROUP_DOWN group:tenant-1:eu-west");
        Notice.Group group = sent.get(0).notice().group();
        assertThat(group.down()).isEqualTo(5);
        assertThat(group.total()).isEqualTo(12);
        assertThat(group.label()).isEqualTo("monitors tagged eu-west");
        assertThat(group.members()).extracting(Notice.Member::monitorId)
                .containsExactlyInAnyOrder("eu1", "eu2", "eu3", "eu4", "eu5");
        assertThat(sent.get(0).channelIds()).containsExactlyInAnyOrder("channel-eu1", "channel-eu2", "channel-eu3",
                "channel-eu4", "channel-eu5");

        keepPushing(6, 70);
        sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("GROUP_JOINED group:tenant-1:eu-west");
        group = sent.get(0).notice().group();
        assertThat(group.down()).isEqualTo(6);
        assertThat(group.joined()).extracting(Notice.Member::monitorId).containsExactly("eu6");
        assertThat(sent.get(0).channelIds()).contains("channel-eu6");
    }

    @Test
    void theGroupRecoveryIsOneNoticeWhenTheLastMemberIsBack() {
        twelveTagged(4);
        keepPushing(4, 40);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("GROUP_DOWN group:tenant-1:eu-west");
        harness.push("eu1");
        harness.push("eu2");
        harness.push("eu3");
        keepPushing(4, 42);
        assertThat(harness.alerts()).isEmpty();
        harness.push("eu4");
        keepPushing(0, 44);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("GROUP_UP group:tenant-1:eu-west");
        assertThat(sent.get(0).notice().group().members()).hasSize(4);
        assertThat(sent.get(0).incident()).isEqualTo(1);
    }

    @Test
    void tooFewDownsInTheWindowAreNotifiedOneByOneAtItsEnd() {
        twelveTagged(2);
        keepPushing(2, 31);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactlyInAnyOrder("DOWN eu1", "DOWN eu2");
    }

    @Test
    void aMemberThatRecoversWithinTheWindowIsLeftOut() {
        twelveTagged(4);
        keepPushing(4, 15);
        harness.push("eu4");
        keepPushing(3, 40);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("GROUP_DOWN group:tenant-1:eu-west");
        assertThat(sent.get(0).notice().group().members()).extracting(Notice.Member::monitorId)
                .containsExactlyInAnyOrder("eu1", "eu2", "eu3");
    }

    @Test
    void aMonitorOfASmallGroupIsNotifiedAtOnce() {
        harness.define("solo", 10, List.of("batch"), AlertPolicy.DEFAULT);
        harness.push("solo");
        harness.runUntil(12);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("DOWN solo");
    }

    @Test
    void untaggedMonitorsAreNotifiedAloneUnlessTheirGroupingIsOn() {
        IntStream.rangeClosed(1, 4).forEach(i -> harness.define("plain" + i, 10));
        IntStream.rangeClosed(1, 4).forEach(i -> harness.push("plain" + i));
        harness.runUntil(12);
        assertThat(PolicyHarness.kinds(harness.alerts())).hasSize(4).allMatch(line -> line.startsWith("DOWN plain"));

        try (PolicyHarness grouped = new PolicyHarness(PolicySettings.defaults().withUntaggedGrouped(true)
                .withStorm(PolicySettings.Storm.defaults().disabled()))) {
            IntStream.rangeClosed(1, 4).forEach(i -> grouped.define("plain" + i, 10));
            IntStream.rangeClosed(1, 4).forEach(i -> grouped.push("plain" + i));
            grouped.runUntil(40);
            List<MonitorEvent> sent = grouped.alerts();
            assertThat(PolicyHarness.kinds(sent)).containsExactly("GROUP_DOWN group:tenant-1:*");
            assertThat(sent.get(0).notice().group().label()).isEqualTo("monitors without a tag");
        }
    }

    @Test
    void theNextOutageOfAGroupHasTheNextIncidentNumber() {
        twelveTagged(3);
        keepPushing(3, 40);
        IntStream.rangeClosed(1, 3).forEach(i -> harness.push("eu" + i));
        keepPushing(0, 45);
        assertThat(PolicyHarness.kinds(harness.alerts())).containsExactly("GROUP_DOWN group:tenant-1:eu-west",
                "GROUP_UP group:tenant-1:eu-west");
        keepPushing(3, 90);
        List<MonitorEvent> sent = harness.alerts();
        assertThat(PolicyHarness.kinds(sent)).containsExactly("GROUP_DOWN group:tenant-1:eu-west");
        assertThat(sent.get(0).incident()).isEqualTo(2);
    }
}
