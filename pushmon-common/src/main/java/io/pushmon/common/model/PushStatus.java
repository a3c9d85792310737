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

    /**
     * The status's code in pushmon's binary records (the heartbeats topic, the detector's history), 0 for none: fixed
     * per status rather than its ordinal, so stored bytes keep their meaning when the enum is reordered or extended.
     */
    public static byte codeOf(PushStatus status) {
        if (status == null) {
            return 0;
        }
        return switch (status) {
            case UP -> 1;
            case DOWN -> 2;
            case START -> 3;
            case LOG -> 4;
        };
    }

    /** The status of a code, null for 0; a code no release defined is refused, never read as a success. */
    public static PushStatus ofCode(int code) {
        return switch (code) {
            case 0 -> null;
            case 1 -> UP;
            case 2 -> DOWN;
            case 3 -> START;
            case 4 -> LOG;
            default -> throw new IllegalArgumentException("unknown push status code " + code);
        };
    }
}
