package io.pushmon.common.model;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a push says about the job that sent it. */
public enum PushStatus {
    UP, DOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PushStatus fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown push status: " + value));
    }

    /** Parses the {@code status} query parameter: exactly {@code up} or {@code down}, case-insensitive. */
    public static Optional<PushStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "up" -> Optional.of(UP);
            case "down" -> Optional.of(DOWN);
            default -> Optional.empty();
        };
    }
}
