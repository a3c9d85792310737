package io.pushmon.processor.query;

import java.util.Locale;

/**
 * One read of one monitor that {@code /internal/monitors/{id}/...} serves.
 *
 * @param kind what is read
 * @param seq  for a body, the sequence number of its signal; -1 otherwise
 */
public record MonitorView(Kind kind, long seq) {

    /** What a read returns. */
    public enum Kind {
        STATE, HEARTBEATS, EVENTS, BODY
    }

    public static final MonitorView STATE = new MonitorView(Kind.STATE, -1);
    public static final MonitorView HEARTBEATS = new MonitorView(Kind.HEARTBEATS, -1);
    public static final MonitorView EVENTS = new MonitorView(Kind.EVENTS, -1);

    public static MonitorView body(long seq) {
        return new MonitorView(Kind.BODY, seq);
    }

    /** The read's path below {@code /internal/monitors/{id}/}. */
    public String path() {
        return kind == Kind.BODY ? "heartbeats/" + seq + "/body" : kind.name().toLowerCase(Locale.ROOT);
    }
}
