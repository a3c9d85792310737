package io.pushmon.gateway.status;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;

/** Reads monitors' live state from the processor: one for {@code GET /api/monitors/{id}}, many for the dashboard. */
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

    /**
     * The states of many monitors in one call, each with its last {@code points} signals for a sparkline (0 for
     * none, at most {@link MonitorStates#MAX_POINTS}): for the dashboard's overview, where a call per monitor would
     * not fit the page's time. Ids the processor could not read right now are in {@link MonitorStates#unavailable},
     * ids it has not seen in {@link MonitorStates#unknown}; empty if it cannot answer at all (starting, not
     * answering).
     *
     * @throws IllegalArgumentException for more than {@link MonitorStates#MAX_IDS} ids or fewer than 0 points: the
     *                                  caller pages, the processor would refuse the read
     */
    public Optional<MonitorStates> readAll(Collection<String> ids, int points) {
        if (ids.size() > MonitorStates.MAX_IDS || points < 0) {
            throw new IllegalArgumentException("a read of live states takes at most " + MonitorStates.MAX_IDS
                    + " ids and 0 or more points, not " + ids.size() + " and " + points);
        }
        if (ids.isEmpty()) {
            return Optional.of(new MonitorStates(List.of(), Map.of(), List.of(), List.of()));
        }
        var answer = services.processor().post(MonitorStates.PATH + MonitorStates.query(points),
                MonitorStates.request(ids));
        String body = answer.getEntity() instanceof String text ? text : null;
        return MonitorStates.fromAnswer(answer.getStatus(), body);
    }
}
