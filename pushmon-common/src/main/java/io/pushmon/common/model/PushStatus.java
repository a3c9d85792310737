package io.pushmon.common.model;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a push says about the job that sent it. {@code UP} and {@code DOWN} end a run (success and failure) or are
 * plain heartbeats; {@code START} opens a run that must end in time; {@code LOG} is recorded and changes nothing.
 */
public enum PushStatus {
    UP, DOWN, START, LOG;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PushStatus fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown push status: " + value));
    }

    /** Parses the {@code status} query parameter: {@code up}, {@code down}, {@code start} or {@code log}, case-insensitive. */
    public static Optional<PushStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "up" -> Optional.of(UP);
            case "down" -> Optional.of(DOWN);
            case "start" -> Optional.of(START);
            case "log" -> Optional.of(LOG);
            default -> Optional.empty();
        };
    }
}
