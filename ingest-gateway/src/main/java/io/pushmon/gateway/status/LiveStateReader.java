package io.pushmon.gateway.status;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.internal.MonitorLiveState;

/** Reads one monitor's live state from the processor, for {@code GET /api/monitors/{id}}. */
@ApplicationScoped
public class LiveStateReader {

    private final InternalServices services;

    @Inject
    public LiveStateReader(InternalServices services) {
        this.services = services;
    }

    /**
     * The state; {@link MonitorLiveState#neverSeen} if the processor does not know the monitor yet, empty if it
     * cannot say (rebalancing, starting, not answering): the definition is still worth showing then.
     */
    public Optional<MonitorLiveState> read(String monitorId) {
        var answer = services.processor().get(MonitorLiveState.path(monitorId));
        // A relayed answer's body is the processor's text; an answer made here (no reply, a 503) carries an ApiError.
        String body = answer.getEntity() instanceof String text ? text : null;
        return MonitorLiveState.fromAnswer(monitorId, answer.getStatus(), body);
    }
}
