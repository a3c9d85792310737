package io.pushmon.processor.query;

/** The reads of one monitor that {@code /internal/monitors/{id}/...} serves, by path segment. */
public enum MonitorView {
    STATE("state"), HEARTBEATS("heartbeats"), EVENTS("events");

    private final String path;

    MonitorView(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
