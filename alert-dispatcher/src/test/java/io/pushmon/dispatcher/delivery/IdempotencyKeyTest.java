package io.pushmon.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;

class IdempotencyKeyTest {

    private static MonitorEvent event(String eventId, MonitorStatus from, MonitorStatus to, long incident) {
        return new MonitorEvent(eventId, "m-1", "t-1", "backup", from, to,
                to == MonitorStatus.DOWN ? EventReason.TIMEOUT : EventReason.RECOVERED,
                Instant.parse("2026-01-01T00:00:00Z"), incident, null, null, null, null, List.of("c-1", "c-2"));
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
    void onlyDownAndRecoveryAreNotified() {
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.UP, MonitorStatus.DOWN, 1))).isTrue();
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.DOWN, MonitorStatus.UP, 1))).isTrue();
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.NEW, MonitorStatus.UP, 0))).isFalse();
        assertThat(Deliverer.notifiable(event("e", MonitorStatus.UP, MonitorStatus.PAUSED, 0))).isFalse();
    }
}
