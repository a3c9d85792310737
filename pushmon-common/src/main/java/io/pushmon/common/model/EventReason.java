package io.pushmon.common.model;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Why a monitor changed status. */
public enum EventReason {
    /** No heartbeat by the deadline: last one + timeout + grace, a cron run + grace, or a started run past its limit. */
    TIMEOUT("timeout"),
    /** A push said {@code status=down}. */
    REPORTED_DOWN("reported-down"),
    /** An {@code up} push arrived while the monitor was down. */
    RECOVERED("recovered");

    private final String wireName;

    EventReason(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static EventReason fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event reason: " + value));
    }
}
