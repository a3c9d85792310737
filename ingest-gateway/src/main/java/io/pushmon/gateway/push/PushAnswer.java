package io.pushmon.gateway.push;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A successful push's answer: {@code {"ok":true}}, or {@code {"ok":true,"paused":true}} for a paused monitor. The
 * record is the documented schema; the answer itself is written from {@link #json()}, made once, because a push
 * is the hot path and two fixed answers need no serialiser. {@code created} is only known to slug pings, which
 * answer in text ({@code 201 Created}); {@code bodyLimit}, the plan's, goes into their Ping-Body-Limit header.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushAnswer(boolean ok, Boolean paused, @JsonIgnore boolean created, @JsonIgnore int bodyLimit) {

    static PushAnswer recorded(boolean paused, boolean created, int bodyLimit) {
        return new PushAnswer(true, paused && !created ? Boolean.TRUE : null, created, bodyLimit);
    }

    private static final String RECORDED_JSON = "{\"ok\":true}";
    private static final String RECORDED_WHILE_PAUSED_JSON = "{\"ok\":true,\"paused\":true}";

    /** The answer as JSON, exactly as Jackson would write it. */
    String json() {
        return Boolean.TRUE.equals(paused) ? RECORDED_WHILE_PAUSED_JSON : RECORDED_JSON;
    }
}
