package io.pushmon.gateway.push;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A successful push's answer: {@code {"ok":true}}, or {@code {"ok":true,"paused":true}} for a paused monitor. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushAnswer(boolean ok, Boolean paused) {

    static final PushAnswer RECORDED = new PushAnswer(true, null);
    static final PushAnswer RECORDED_WHILE_PAUSED = new PushAnswer(true, true);
}
