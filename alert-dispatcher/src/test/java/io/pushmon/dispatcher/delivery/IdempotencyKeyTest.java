package io.pushmon.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.Notice;

class IdempotencyKeyTest {

    private static MonitorEvent event(String eventId, MonitorStatus from, MonitorStatus to, long incident) {
        return new MonitorEvent(eventId, "m-1", "t-1", "backup", from, to,
                to == MonitorStatus.DOWN ? EventReason.TIMEOUT : EventReason.RECOVERED,
                Instant.parse("2026-01-01T00:00:00Z"), incident, null, null, null, null, List.of("c-1", "c-2"));
    }

    private static MonitorEvent alert(MonitorEvent event, Notice notice) {
        return event.asAlert(event.eventId() + "-alert", notice, event.channelIds());
    }

    @Test
    void theKeyNamesMonitorIncidentTransitionAndChannel() {
        assertThat(IdempotencyKey.of(event("e-1", MonitorStatus.UP, MonitorStatus.DOWN, 7), "c-1"))
                .isEqualTo("m-1:7:down:c-1");
        assertThat(IdempotencyKey.of(event("e-2", MonitorStatus.DOWN, MonitorStatus.UP, 7), "c-1"))
                .isEqualTo("m-1:7:up:c-1");
    }

    @Test
    void theSameOutageGetsTheSameKeyWhateverCopyOfTheEventIsRead() {
        assertThat(IdempotencyKey.of(event("e-1", MonitorStatus.UP, MonitorStatus.DOWN, 3), "c-1"))
                .isEqualTo(IdempotencyKey.of(event("e-1-replayed", MonitorStatus.NEW, MonitorStatus.DOWN, 3), "c-1"));
    }

    @Test
    void eachChannelAndEachIncidentHasItsOwnKey() {
        MonitorEvent down = event("e-1", MonitorStatus.UP, MonitorStatus.DOWN, 3);
        assertThat(IdempotencyKey.of(down, "c-1")).isNotEqualTo(IdempotencyKey.of(down, "c-2"));
        assertThat(IdempotencyKey.of(down, "c-1"))
                .isNotEqualTo(IdempotencyKey.of(event("e-9", MonitorStatus.UP, MonitorStatus.DOWN, 4), "c-1"));
    }

    @Test
    void eachNoticeKindHasItsOwnTransitionAndPlainDownAndUpKeepTheirs() {
        MonitorEvent down = event("e-1", MonitorStatus.UP, MonitorStatus.DOWN, 7);
        MonitorEvent up = event("e-2", MonitorStatus.DOWN, MonitorStatus.UP, 7);
        Notice.Group group = new Notice.Group("eu-west", "monitors tagged eu-west", 9, 12, List.of(), List.of());

        assertThat(IdempotencyKey.of(alert(down, Notice.of(Notice.Kind.DOWN)), "c-1")).isEqualTo("m-1:7:down:c-1");
        assertThat(IdempotencyKey.of(alert(up, Notice.of(Notice.Kind.UP)), "c-1")).isEqualTo("m-1:7:up:c-1");
        assertThat(IdempotencyKey.of(alert(down, new Notice(Notice.Kind.REMINDER, 2, null, null)), "c-1"))
                .isEqualTo("m-1:7:reminder-2:c-1");
        assertThat(IdempotencyKey.of(alert(down, new Notice(Notice.Kind.ACKNOWLEDGED, 0, "alice", null)), "c-1"))
                .isEqualTo("m-1:7:ack:c-1");
        assertThat(IdempotencyKey.of(alert(down, new Notice(Notice.Kind.GROUP_DOWN, 0, null, group)), "c-1"))
                .isEqualTo("m-1:7:group-down:c-1");
        assertThat(IdempotencyKey.of(alert(down, new Notice(Notice.Kind.GROUP_JOINED, 0, null, group)), "c-1"))
                .isEqualTo("m-1:7:group-joined-9:c-1");
        assertThat(IdempotencyKey.of(alert(up, new Notice(Notice.Kind.GROUP_UP, 0, null, group)), "c-1"))
                .isEqualTo("m-1:7:group-up:c-1");
        assertThat(IdempotencyKey.of(alert(down, Notice.of(Notice.Kind.STORM_HELD)), "c-1"))
                .isEqualTo("m-1:7:storm-held:c-1");
        assertThat(IdempotencyKey.of(alert(up, Notice.of(Notice.Kind.STORM_CLEARED)), "c-1"))
                .isEqualTo("m-1:7:storm-cleared:c-1");
    }

    @Test
    void twoRemindersOfOneIncidentAreTwoNotifications() {
        MonitorEvent down = event("e-1", MonitorStatus.UP, MonitorStatus.DOWN, 7);
        assertThat(IdempotencyKey.of(alert(down, new Notice(Notice.Kind.REMINDER, 1, null, null)), "c-1"))
                .isNotEqualTo(IdempotencyKey.of(alert(down, new Notice(Notice.Kind.REMINDER, 2, null, null)), "c-1"));
    }

    @Test
    void everyNoticeIsNotifiedWhateverTheStatusChangeItCarries() {
        MonitorEvent paused = event("e", MonitorStatus.UP, MonitorStatus.PAUSED, 1);
        assertThat(Deliverer.notifiable(paused)).isFalse();
        assertThat(Deliverer.notifiable(alert(paused, Notice.of(Notice.Kind.STORM_HELD)))).isTrue();
        assertThat(Deliverer.notifiable(alert(event("e", MonitorStatus.NEW, MonitorStatus.UP, 0),
                Notice.of(Notice.Kind.STORM_CLEARED)))).isTrue();
    }

    @Test
    void ofTheEventsWithoutANoticeOnlyDownAndRecoveryAreNotified() {
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.UP, MonitorStatus.DOWN, 1))).isTrue();
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.DOWN, MonitorStatus.UP, 1))).isTrue();
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.NEW, MonitorStatus.UP, 0))).isFalse();
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.UP, MonitorStatus.PAUSED, 0))).isFalse();
    }
}
