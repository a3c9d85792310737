package io.pushmon.processor.policy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.common.model.Notice;

/**
 * Builds the records of {@code alerts}. Every alert id is derived from (subject, incident, transition) only, so a
 * replay after a crash produces the same id and the same idempotency key, as the detector's event ids do.
 */
final class AlertFactory {

    /** Monitor id of the operator's storm notices. */
    static final String STORM_SUBJECT = "pushmon:ingest";

    private AlertFactory() {
    }

    static String alertId(String subject, long incident, String transition) {
        String name = "alert\n" + subject + '\n' + incident + '\n' + transition;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A notice about one monitor, built on one of its events. */
    static MonitorEvent monitor(MonitorEvent event, Notice notice, List<String> channels) {
        return event.asAlert(alertId(event.monitorId(), event.incident(), notice.transition()), notice, channels);
    }

    /** The group's id as the subject of its notices. */
    static String groupSubject(String tenantId, String key) {
        return "group:" + tenantId + ":" + key;
    }

    static String label(String key) {
        return "*".equals(key) ? "monitors without a tag" : "monitors tagged " + key;
    }

    /** A notice about a group outage. */
    static MonitorEvent group(String tenantId, GroupState group, Notice.Kind kind, long total, long now) {
        List<Notice.Member> members = kind == Notice.Kind.GROUP_UP ? group.everDown() : group.down();
        Notice notice = new Notice(kind, 0, null, new Notice.Group(group.key(), label(group.key()),
                group.down().size(), (int) Math.min(total, Integer.MAX_VALUE), members, kind == Notice.Kind.GROUP_JOINED ? group.joined() : List.of()));
        String subject = groupSubject(tenantId, group.key());
        boolean up = kind == Notice.Kind.GROUP_UP;
        return new MonitorEvent(alertId(subject, group.incident(), notice.transition()), subject, tenantId,
                label(group.key()), up ? MonitorStatus.DOWN : MonitorStatus.UP,
                up ? MonitorStatus.UP : MonitorStatus.DOWN, up ? EventReason.RECOVERED : EventReason.TIMEOUT,
                Instant.ofEpochMilli(now), group.incident(), up ? Instant.ofEpochMilli(group.openedAt()) : null, null,
                null, null, group.channelIds(), notice);
    }

    /** A notice to the operator about a storm: held (down) or over (up). */
    static MonitorEvent storm(String tenantId, String channelId, GuardState guard, boolean held, String summary,
            long now) {
        Notice notice = Notice.of(held ? Notice.Kind.STORM_HELD : Notice.Kind.STORM_CLEARED);
        return new MonitorEvent(alertId(STORM_SUBJECT, guard.number(), notice.transition()), STORM_SUBJECT, tenantId,
                "pushmon ingest", held ? MonitorStatus.UP : MonitorStatus.DOWN,
                held ? MonitorStatus.DOWN : MonitorStatus.UP, held ? EventReason.TIMEOUT : EventReason.RECOVERED,
                Instant.ofEpochMilli(now), guard.number(), held ? null : Instant.ofEpochMilli(guard.since()), null,
                summary, null, List.of(channelId), notice);
    }
}
