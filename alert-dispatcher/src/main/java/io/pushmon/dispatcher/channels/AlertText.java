package io.pushmon.dispatcher.channels;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.Notice;
import io.pushmon.common.model.Notice.Kind;

/**
 * The words every channel kind says about a notice, so a down alert, a reminder or a group outage reads the
 * same in Slack, email and Telegram. Each sender only lays them out in its vendor's format. An event without a
 * notice (from before the policy step) reads as the down or recovery it is.
 */
final class AlertText {

    /** Longest last message we repeat; receivers cap their fields and a push msg can be long. */
    static final int MAX_MSG = 500;

    /** Most member names a group notice lists; a region outage can take hundreds of monitors down. */
    static final int MAX_MEMBERS = 20;

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

    /** What is being said: the notice's kind, or for an event without one, down or up. */
    Kind kind() {
        if (event.notice() != null) {
            return event.notice().kind();
        }
        return event.isDown() ? Kind.DOWN : Kind.UP;
    }

    /** True when something is wrong (red, urgent); false for a recovery or an acknowledgement. */
    boolean down() {
        return event.notice() == null ? event.isDown() : event.notice().alarming();
    }

    /** True for an acknowledgement: neither alarming nor resolved, so the kinds give it a colour of its own. */
    boolean acknowledged() {
        return kind() == Kind.ACKNOWLEDGED;
    }

    /** True for the kinds about several monitors at once. */
    boolean grouped() {
        return switch (kind()) {
            case GROUP_DOWN, GROUP_JOINED, GROUP_UP -> true;
            default -> false;
        };
    }

    boolean test() {
        return test;
    }

    MonitorEvent event() {
        return event;
    }

    /** The notice, or null for an event without one. */
    Notice notice() {
        return event.notice();
    }

    /** "[test] nightly-backup is DOWN", "nightly-backup is still DOWN (reminder 2)", "7 of 12 ... are DOWN". */
    String title() {
        return (test ? "[test] " : "") + switch (kind()) {
            case DOWN -> monitorName() + " is DOWN";
            case UP -> monitorName() + " is UP again";
            case REMINDER -> monitorName() + " is still DOWN (reminder " + event.notice().reminder() + ")";
            case ACKNOWLEDGED -> monitorName() + " was acknowledged by " + acknowledgedBy();
            case GROUP_DOWN -> group().down() + " of " + group().total() + " " + groupLabel() + " are DOWN";
            case GROUP_JOINED -> joinedTitle();
            case GROUP_UP -> "All " + recovered() + " " + groupLabel() + " are UP again";
            case STORM_HELD -> "pushmon is holding notifications: its own ingest dropped";
            case STORM_CLEARED -> "pushmon ingest recovered: held notifications are settled";
        };
    }

    private String joinedTitle() {
        int joined = group().joined().size();
        String now = ", now " + group().down() + " of " + group().total();
        return joined == 1 ? "1 more of the " + groupLabel() + " is DOWN" + now
                : joined + " more " + groupLabel() + " are DOWN" + now;
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

    /** When the outage began: the event's {@code downSince} when it carries one, else its time. */
    String since() {
        return event.downSince() == null ? time() : TIME.format(event.downSince());
    }

    /** How long the outage lasted, or for a reminder has lasted; null on a down or when its start is unknown. */
    Duration outage() {
        boolean measured = kind() == Kind.UP || kind() == Kind.REMINDER || kind() == Kind.ACKNOWLEDGED;
        if (!measured || event.downSince() == null || event.at() == null) {
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

    /** One line: "nightly-backup is DOWN: no push arrived in time (2026-11-23 20:37:59 UTC)". */
    String summary() {
        String outage = outageText();
        return switch (kind()) {
            case DOWN, UP -> title() + ": " + reason() + " (" + time()
                    + (outage == null ? "" : ", down for " + outage) + ")";
            case REMINDER, ACKNOWLEDGED -> title() + ": " + reason() + " (down since " + since()
                    + (outage == null ? "" : ", for " + outage) + ")";
            case GROUP_DOWN, GROUP_UP -> title() + ": " + names(group().members());
            case GROUP_JOINED -> title() + ": " + names(group().joined());
            case STORM_HELD, STORM_CLEARED -> title() + ". " + stormDetail();
        };
    }

    /** The details under the title, per kind. */
    List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        switch (kind()) {
            case DOWN, UP -> {
                fields.add(new Field("Reason", reason()));
                fields.add(new Field(down() ? "Down since" : "Up since", time()));
                addOutageAndMessage(fields);
            }
            case REMINDER, ACKNOWLEDGED -> {
                if (kind() == Kind.ACKNOWLEDGED) {
                    fields.add(new Field("Acknowledged by", acknowledgedBy()));
                }
                fields.add(new Field("Reason", reason()));
                fields.add(new Field("Down since", since()));
                addOutageAndMessage(fields);
            }
            case GROUP_DOWN -> {
                fields.add(new Field("Down", group().down() + " of " + group().total()));
                fields.add(new Field("Monitors", names(group().members())));
            }
            case GROUP_JOINED -> {
                fields.add(new Field("Down", group().down() + " of " + group().total()));
                fields.add(new Field("New", names(group().joined())));
                fields.add(new Field("Monitors", names(group().members())));
            }
            case GROUP_UP -> fields.add(new Field("Were down", names(group().members())));
            case STORM_HELD, STORM_CLEARED -> {
                fields.add(new Field("What happened", stormDetail()));
                fields.add(new Field("Since", time()));
            }
        }
        return fields;
    }

    private void addOutageAndMessage(List<Field> fields) {
        if (outageText() != null) {
            fields.add(new Field("Down for", outageText()));
        }
        if (lastMsg() != null) {
            fields.add(new Field("Last message", lastMsg()));
        }
    }

    /** The whole alert as plain text lines. */
    String plainText() {
        StringBuilder text = new StringBuilder(title()).append('\n');
        fields().forEach(f -> text.append(f.label()).append(": ").append(f.value()).append('\n'));
        text.append(grouped() ? "Group id: " : "Monitor id: ").append(event.monitorId()).append('\n');
        return text.toString();
    }

    Instant at() {
        return event.at();
    }

    /** "pushmon · monitor mon-1 · incident #7", the footer of the chat kinds. */
    String footer() {
        return "pushmon · " + (grouped() ? "group " : "monitor ") + event.monitorId() + " · incident #"
                + event.incident();
    }

    /** Up to {@value #MAX_MEMBERS} names, then "and N more". */
    static String names(List<Notice.Member> members) {
        if (members.isEmpty()) {
            return "none";
        }
        List<String> names = members.stream().limit(MAX_MEMBERS)
                .map(m -> m.name() == null || m.name().isBlank() ? m.monitorId() : m.name()).toList();
        String listed = String.join(", ", names);
        int more = members.size() - names.size();
        return more > 0 ? listed + " and " + more + " more" : listed;
    }

    private Notice.Group group() {
        Notice.Group group = event.notice().group();
        return group != null ? group : new Notice.Group(null, null, 0, 0, List.of(), List.of());
    }

    private String groupLabel() {
        String label = group().label();
        return label == null || label.isBlank() ? monitorName() : label;
    }

    private int recovered() {
        return group().members().isEmpty() ? group().total() : group().members().size();
    }

    private String acknowledgedBy() {
        String by = event.notice().acknowledgedBy();
        return by == null || by.isBlank() ? "someone" : by;
    }

    /** The guard's own figures travel in the event's message ("STORM: 800 of 1000 monitors down ..."). */
    private String stormDetail() {
        String figures = event.lastMsg() == null || event.lastMsg().isBlank() ? "" : " (" + event.lastMsg() + ")";
        if (kind() == Kind.STORM_HELD) {
            return "Pushes stopped reaching pushmon while many monitors went down, so the outage is more likely"
                    + " pushmon's than its users'. Their notifications are held until ingest recovers" + figures + ".";
        }
        return "Pushes reach pushmon again; the notifications held during the drop were released (still down) or"
                + " dropped (recovered)" + figures + ".";
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
