package io.pushmon.common.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The detector's view of a monitor. */
public enum MonitorStatus {
    /** Created, never pushed: no deadline, no alert. */
    NEW,
    UP,
    DOWN,
    /** Paused by its owner: no deadline, no alert until resumed. */
    PAUSED,
    /**
     * A run has started and not ended. Only shown: underneath, the monitor stays new or up, and its events never
     * carry this status.
     */
    STARTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static MonitorStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
