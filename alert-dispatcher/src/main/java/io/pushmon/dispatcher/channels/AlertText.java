package io.pushmon.dispatcher.channels;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;

/**
 * The words every channel kind says about a status change, so a down alert reads the same in Slack, email and
 * Telegram. Each sender only lays them out in its vendor's format.
 */
final class AlertText {

    /** Longest last message we repeat; receivers cap their fields and a push msg can be long. */
    static final int MAX_MSG = 500;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A label and a value, in display order. */
    record Field(String label, String value) {
    }

    private final MonitorEvent event;
    private final boolean test;

    private AlertText(MonitorEvent event, boolean test) {
        this.event = event;
        this.test = test;
    }

    static AlertText of(Notification notification) {
        return new AlertText(notification.event(), notification.test());
    }

    boolean down() {
        return event.isDown();
    }

    boolean test() {
        return test;
    }

    MonitorEvent event() {
        return event;
    }

    /** "[test] nightly-backup is DOWN" or "nightly-backup is UP again". */
    String title() {
        return (test ? "[test] " : "") + monitorName() + (down() ? " is DOWN" : " is UP again");
    }

    String monitorName() {
        return event.monitorName() == null || event.monitorName().isBlank() ? event.monitorId() : event.monitorName();
    }

    String reason() {
        EventReason reason = event.reason();
        if (reason == null) {
            return down() ? "down" : "up";
        }
        return switch (reason) {
            case TIMEOUT -> "no push arrived in time";
            case REPORTED_DOWN -> "a push reported status=down";
            case RECOVERED -> "pushes arrived again";
        };
    }

    /** When it happened: for a timeout the deadline that passed, for a recovery the first good push. */
    String time() {
        return event.at() == null ? "unknown" : TIME.format(event.at());
    }

    /** How long the outage lasted; null on a down event or when its start is unknown. */
    Duration outage() {
        if (down() || event.downSince() == null || event.at() == null) {
            return null;
        }
        Duration d = Duration.between(event.downSince(), event.at());
        return d.isNegative() ? Duration.ZERO : d;
    }

    String outageText() {
        Duration d = outage();
        return d == null ? null : humanDuration(d);
    }

    /** The msg of the last push, trimmed; null when there was none. */
    String lastMsg() {
        String msg = event.lastMsg();
        if (msg == null || msg.isBlank()) {
            return null;
        }
        String stripped = msg.strip();
        return stripped.length() > MAX_MSG ? stripped.substring(0, MAX_MSG) + "..." : stripped;
    }

    /** "nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)". */
    String summary() {
        String outage = outageText();
        return title() + ": " + reason() + " (" + time() + (outage == null ? "" : ", down for " + outage) + ")";
    }

    /** Reason, time, outage (on recovery) and last message (when there is one). */
    List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Reason", reason()));
        fields.add(new Field(down() ? "Down since" : "Up since", time()));
        if (outageText() != null) {
            fields.add(new Field("Down for", outageText()));
        }
        if (lastMsg() != null) {
            fields.add(new Field("Last message", lastMsg()));
        }
        return fields;
    }

    /** The whole alert as plain text lines. */
    String plainText() {
        StringBuilder text = new StringBuilder(title()).append('\n');
        fields().forEach(f -> text.append(f.label()).append(": ").append(f.value()).append('\n'));
        text.append("Monitor id: ").append(event.monitorId()).append('\n');
        return text.toString();
    }

    Instant at() {
        return event.at();
    }

    /** "1d 2h 3m 4s", leaving out leading zero units. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append("d ");
        }
        if (days > 0 || hours > 0) {
            out.append(hours).append("h ");
        }
        if (days > 0 || hours > 0 || minutes > 0) {
            out.append(minutes).append("m ");
        }
        return out.append(secs).append('s').toString();
    }
}
