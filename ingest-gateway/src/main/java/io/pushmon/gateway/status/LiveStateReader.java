package io.pushmon.gateway.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
     * The states of many monitors, each with its last {@code points} signals for a sparkline (0 for none, at most
     * {@link MonitorStates#MAX_POINTS}): for the dashboard's overview, where a call per monitor would not fit the
     * page's time. One call per {@link MonitorStates#MAX_IDS} ids. Ids the processor could not read right now are
     * in {@link MonitorStates#unavailable} (also those of a call that got no answer), ids it has not seen in
     * {@link MonitorStates#unknown}; empty if it could not answer at all (starting, not answering).
     *
     * @throws IllegalArgumentException for fewer than 0 points
     */
    public Optional<MonitorStates> readAll(Collection<String> ids, int points) {
        if (points < 0) {
            throw new IllegalArgumentException("a read of live states takes 0 or more points, not " + points);
        }
        List<String> all = List.copyOf(ids);
        List<MonitorLiveState> states = new ArrayList<>(all.size());
        Map<String, List<MonitorStates.Point>> sparklines = new HashMap<>();
        List<String> unavailable = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        boolean answered = all.isEmpty();
        for (int from = 0; from < all.size(); from += MonitorStates.MAX_IDS) {
            List<String> page = all.subList(from, Math.min(all.size(), from + MonitorStates.MAX_IDS));
            var answer = services.processor().post(MonitorStates.PATH + MonitorStates.query(points),
                    MonitorStates.request(page));
            String body = answer.getEntity() instanceof String text ? text : null;
            Optional<MonitorStates> read = MonitorStates.fromAnswer(answer.getStatus(), body);
            if (read.isEmpty()) {
                unavailable.addAll(page);
                continue;
            }
            answered = true;
            states.addAll(read.get().states());
            sparklines.putAll(read.get().points());
            unavailable.addAll(read.get().unavailable());
            unknown.addAll(read.get().unknown());
        }
        return answered ? Optional.of(new MonitorStates(states, sparklines, unavailable, unknown)) : Optional.empty();
    }
}
