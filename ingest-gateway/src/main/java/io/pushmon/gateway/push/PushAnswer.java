package io.pushmon.gateway.push;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A successful push's answer: {@code {"ok":true}}, or {@code {"ok":true,"paused":true}} for a paused monitor. The
 * record is the documented schema; the answer itself is written from {@link #json()}, made once, because a push
 * is the hot path and two fixed answers need no serialiser. {@code created} is only known to slug pings, which
 * answer in text ({@code 201 Created}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushAnswer(boolean ok, Boolean paused, @JsonIgnore boolean created) {

    static final PushAnswer RECORDED = new PushAnswer(true, null, false);
    static final PushAnswer RECORDED_WHILE_PAUSED = new PushAnswer(true, true, false);
    static final PushAnswer RECORDED_IN_NEW_MONITOR = new PushAnswer(true, null, true);

    private static final String RECORDED_JSON = "{\"ok\":true}";
    private static final String RECORDED_WHILE_PAUSED_JSON = "{\"ok\":true,\"paused\":true}";

    /** The answer as JSON, exactly as Jackson would write it. */
    String json() {
        return Boolean.TRUE.equals(paused) ? RECORDED_WHILE_PAUSED_JSON : RECORDED_JSON;
    }
}
