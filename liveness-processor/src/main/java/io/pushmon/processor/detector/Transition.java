package io.pushmon.processor.detector;

import java.util.Optional;

import io.pushmon.common.model.MonitorEvent;

/**
 * The outcome of one input for one monitor: its next state, the status change to emit, if any, and for a push that
 * ended a started run, how long that run took (null otherwise).
 */
public record Transition(MonitorState state, Optional<MonitorEvent> event, Long runDurationMillis) {

    static Transition quiet(MonitorState state) {
        return new Transition(state, Optional.empty(), null);
    }

    static Transition emitting(MonitorState state, MonitorEvent event) {
        return new Transition(state, Optional.of(event), null);
    }

    Transition withRunDuration(Long durationMillis) {
        return new Transition(state, event, durationMillis);
    }
}
