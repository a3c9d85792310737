package io.pushmon.dispatcher.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.Notice;
import io.pushmon.common.model.Notice.Kind;

class AlertTextTest {

    private static final Instant REMINDED_AT = Instant.parse("2026-11-23T21:37:59Z");

    private static AlertText text(MonitorEvent alert) {
        return AlertText.of(Channels.notice(alert));
    }

    private static MonitorEvent monitorNotice(Notice notice) {
        MonitorEvent stillDown = new MonitorEvent("evt-9", "mon-1", "tenant-1", "nightly-backup",
                Channels.DOWN.from(), Channels.DOWN.to(), Channels.DOWN.reason(), REMINDED_AT, 7, Channels.DOWN_AT,
                Channels.DOWN.lastHeartbeatAt(), "rsync exit <23>", 23.0, List.of("ch-1"));
        return stillDown.asAlert("alert-9", notice, List.of("ch-1"));
    }

    private static MonitorEvent groupNotice(Kind kind, Notice.Group group) {
        return Channels.GROUP_DOWN.asAlert("alert-" + kind, new Notice(kind, 0, null, group), List.of("ch-1"));
    }

    @Test
    void aPlainDownAndADownNoticeReadTheSame() {
        MonitorEvent notice = Channels.DOWN.asAlert("alert-1", Notice.of(Kind.DOWN), List.of("ch-1"));

        assertThat(text(notice).summary()).isEqualTo(AlertText.of(Channels.down()).summary())
                .isEqualTo("nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)");
        assertThat(text(notice).fields()).isEqualTo(AlertText.of(Channels.down()).fields());
    }

    @Test
    void aReminderSaysItsNumberAndHowLongTheMonitorHasBeenDown() {
        AlertText text = text(monitorNotice(new Notice(Kind.REMINDER, 2, null, null)));

        assertThat(text.title()).isEqualTo("nightly-backup is still DOWN (reminder 2)");
        assertThat(text.summary()).isEqualTo("nightly-backup is still DOWN (reminder 2): no push arrived in time"
                + " (down since 2026-11-23 20:37:59 UTC, for 1h 0m 0s)");
        assertThat(text.fields()).extracting(AlertText.Field::label)
                .containsExactly("Reason", "Down since", "Down for", "Last message");
        assertThat(text.down()).isTrue();
    }

    @Test
    void anAcknowledgementNamesWhoTookTheOutageOn() {
        AlertText text = text(monitorNotice(new Notice(Kind.ACKNOWLEDGED, 0, "alice@example.com", null)));

        assertThat(text.title()).isEqualTo("nightly-backup was acknowledged by alice@example.com");
        assertThat(text.fields().get(0)).isEqualTo(new AlertText.Field("Acknowledged by", "alice@example.com"));
        assertThat(text.down()).isFalse();
        assertThat(text.acknowledged()).isTrue();
    }

    @Test
    void aGroupDownCountsTheMembersAndListsThem() {
        AlertText text = text(Channels.GROUP_DOWN);

        assertThat(text.title()).isEqualTo("7 of 12 monitors tagged eu-west are DOWN");
        assertThat(text.summary()).isEqualTo(
                "7 of 12 monitors tagged eu-west are DOWN: eu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7");
        assertThat(text.fields()).containsExactly(new AlertText.Field("Down", "7 of 12"),
                new AlertText.Field("Monitors", "eu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7"));
        assertThat(text.plainText()).endsWith("Group id: group:tenant-1:eu-west\n");
    }

    @Test
    void aLargeGroupListsTwentyNamesAndCountsTheRest() {
        AlertText text = text(groupNotice(Kind.GROUP_DOWN,
                new Notice.Group("eu-west", "monitors tagged eu-west", 250, 300, Channels.members(250), null)));

        assertThat(text.fields().get(1).value()).startsWith("eu-1, eu-2, ").endsWith("eu-20 and 230 more");
    }

    @Test
    void membersJoiningAnOpenGroupOutageAreNamedWithTheNewCount() {
        List<Notice.Member> nine = Channels.members(9);
        AlertText two = text(groupNotice(Kind.GROUP_JOINED,
                new Notice.Group("eu-west", "monitors tagged eu-west", 9, 12, nine, nine.subList(7, 9))));
        AlertText one = text(groupNotice(Kind.GROUP_JOINED,
                new Notice.Group("eu-west", "monitors tagged eu-west", 8, 12, nine.subList(0, 8), nine.subList(7, 8))));

        assertThat(two.title()).isEqualTo("2 more monitors tagged eu-west are DOWN, now 9 of 12");
        assertThat(two.summary()).endsWith(": eu-8, eu-9");
        assertThat(one.title()).isEqualTo("1 more of the monitors tagged eu-west is DOWN, now 8 of 12");
    }

    @Test
    void aGroupUpCountsTheMembersThatWereDown() {
        AlertText text = text(groupNotice(Kind.GROUP_UP,
                new Notice.Group("eu-west", "monitors tagged eu-west", 0, 12, Channels.members(7), null)));

        assertThat(text.title()).isEqualTo("All 7 monitors tagged eu-west are UP again");
        assertThat(text.fields()).containsExactly(
                new AlertText.Field("Were down", "eu-1, eu-2, eu-3, eu-4, eu-5, eu-6, eu-7"));
        assertThat(text.down()).isFalse();
    }

    @Test
    void stormNoticesTellTheOperatorWhatWasHeldAndWhenItCleared() {
        String figures = "STORM: 800 of 1000 monitors down within a minute, ingest 40.0/s against 200.0/s before";
        MonitorEvent heldEvent = new MonitorEvent("alert-9", "pushmon:ingest", "ops", "pushmon ingest",
                MonitorStatus.UP, MonitorStatus.DOWN, EventReason.TIMEOUT, Channels.DOWN_AT, 1, null, null, figures,
                null, List.of("ops-pager"), Notice.of(Kind.STORM_HELD));
        MonitorEvent clearedEvent = new MonitorEvent("alert-10", "pushmon:ingest", "ops", "pushmon ingest",
                MonitorStatus.DOWN, MonitorStatus.UP, EventReason.RECOVERED, Channels.UP_AT, 1, Channels.DOWN_AT,
                null, "NORMAL: 3 of 1000 monitors down within a minute", null, List.of("ops-pager"),
                Notice.of(Kind.STORM_CLEARED));
        AlertText storm = text(heldEvent);
        AlertText cleared = text(clearedEvent);

        assertThat(storm.title()).isEqualTo("pushmon is holding notifications: its own ingest dropped");
        assertThat(storm.summary()).contains("held until ingest recovers").contains(figures);
        assertThat(storm.down()).isTrue();
        assertThat(cleared.title()).isEqualTo("pushmon ingest recovered: held notifications are settled");
        assertThat(cleared.summary()).contains("released (still down) or dropped (recovered)");
        assertThat(cleared.down()).isFalse();
    }
}
