package io.pushmon.dispatcher.channels;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.pushmon.common.serde.Json;

/** Reads how long a receiver asked us to wait before the next attempt. */
final class RetryAfter {

    /** Longest wait we honour; a receiver asking for more gets retried on our own schedule. */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /** The {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 10.2.3). Null when absent or bad. */
    static Duration fromHeader(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return cap(Duration.ofSeconds(Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return cap(Duration.between(now, at));
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * Discord answers 429 with {@code retry_after} (seconds, fractional) in its JSON body and Telegram with
     * {@code parameters.retry_after}; either may come without the header.
     */
    static Duration fromBody(String body) {
        if (body == null || body.isBlank() || body.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            JsonNode seconds = json.has("retry_after") ? json.get("retry_after") : json.path("parameters").get("retry_after");
            return seconds != null && seconds.isNumber() ? cap(Duration.ofMillis(Math.round(seconds.asDouble() * 1000)))
                    : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Duration cap(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
