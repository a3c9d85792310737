package io.pushmon.processor.detector;

import java.util.Optional;

import io.pushmon.common.model.MonitorEvent;

/** The outcome of one input for one monitor: its next state and the status change to emit, if any. */
public record Transition(MonitorState state, Optional<MonitorEvent> event) {

    static Transition quiet(MonitorState state) {
        return new Transition(state, Optional.empty());
    }

    static Transition emitting(MonitorState state, MonitorEvent event) {
        return new Transition(state, Optional.of(event));
    }
}
