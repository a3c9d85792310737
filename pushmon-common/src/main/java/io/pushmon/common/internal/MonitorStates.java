package io.pushmon.common.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.model.PushStatus;
import io.pushmon.common.serde.Json;

/**
 * The live state of many monitors in one read: the processor's answer to {@code POST /internal/states?points=N}
 * (body: a JSON array of monitor ids), read by the gateway for the dashboard's overview. As with
 * {@link MonitorLiveState}, the processor writes it only through {@link #toJson} and the gateway reads it only
 * through {@link #fromAnswer}, so the contract is this one type.
 *
 * <p>Every id asked for is in exactly one of {@code states}, {@code unavailable} and {@code unknown}: a partial
 * answer during a rebalance still shows most monitors, and says which ones it could not.
 *
 * @param states      the monitors that were read, in the order they were asked for
 * @param points      per monitor id of {@code states}, its last signals newest first (none when 0 were asked for)
 * @param unavailable ids whose owner could not answer (rebalancing, restoring, unreachable): "cannot say right now"
 * @param unknown     ids the processor has not seen: the gateway shows them as {@link MonitorLiveState#neverSeen}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MonitorStates(List<MonitorLiveState> states, Map<String, List<Point>> points,
        List<String> unavailable, List<String> unknown) {

    /** Path of the read on the processor, relative to its base URL; add {@link #query}. */
    public static final String PATH = "/internal/states";
    /** Most ids one read may ask for; more is a 400. */
    public static final int MAX_IDS = 5_000;
    /** Most points per monitor; more is capped to this. */
    public static final int MAX_POINTS = 50;
    /** Points per monitor when a read does not say. */
    public static final int DEFAULT_POINTS = 20;

    /**
     * One signal for a sparkline: small on purpose, as a thousand monitors bring twenty each. {@code value} and
     * {@code durationMillis} are left out of the JSON when null.
     *
     * @param at             broker time of the signal, epoch millis
     * @param value          the value it carried, null without one
     * @param durationMillis for the end of a run paired with its start, how long the run took; null otherwise
     * @param status         up, down, start or log
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(long at, Double value, Long durationMillis, PushStatus status) {
    }

    public MonitorStates {
        states = states == null ? List.of() : List.copyOf(states);
        // Kept in the order it was built in (that of states), so the JSON reads in the same order as the states.
        points = points == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(points));
        unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
        unknown = unknown == null ? List.of() : List.copyOf(unknown);
    }

    /** The query of a read with this many points per monitor. */
    public static String query(int points) {
        return "?points=" + points;
    }

    /** The body of a read of these ids. */
    public static String request(Collection<String> monitorIds) {
        try {
            return Json.MAPPER.writeValueAsString(monitorIds);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of ids is always writable as JSON", e);
        }
    }

    /** The points of one monitor, newest first; empty when none were asked for or it has not signalled. */
    public List<Point> pointsOf(String monitorId) {
        return points.getOrDefault(monitorId, List.of());
    }

    /**
     * How the gateway reads the processor's answer: a 200 with these states, anything else (a 503 while the
     * processor starts, a 400, a body that is no answer) is "cannot say right now" for every id.
     */
    public static Optional<MonitorStates> fromAnswer(int status, String body) {
        if (status != 200 || body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(body));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live states are always writable as JSON", e);
        }
    }

    /**
     * @throws UncheckedIOException when the body is not such an answer
     */
    public static MonitorStates fromJson(String body) {
        try {
            MonitorStates read = Json.MAPPER.readValue(body, MonitorStates.class);
            if (read == null) {
                throw new IOException("null is no answer");
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("not the live states of monitors", e);
        }
    }
}
