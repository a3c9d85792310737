package io.pushmon.processor.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;
import io.pushmon.processor.config.ProcessorConfig;
import io.pushmon.processor.detector.HeartbeatEntry;
import io.pushmon.processor.detector.MonitorState;

/**
 * Reads the live state of many monitors at once, for the dashboard's overview. The ids are grouped by the instance
 * that owns them: this instance reads its own from its stores, one partition at a time, and every other owner is
 * sent its whole group in one forwarded request, all owners at once. An id whose owner cannot answer is listed as
 * unavailable rather than failing the read, so a rebalance greys out the monitors that are moving, not the page.
 */
@ApplicationScoped
public class BatchStateQuery {

    private static final Logger LOG = Logger.getLogger(BatchStateQuery.class);

    private final MonitorQueries queries;
    private final OwnerForwarder forwarder;
    private final HostInfo self;

    public BatchStateQuery(MonitorQueries queries, OwnerForwarder forwarder, ProcessorConfig config) {
        this.queries = queries;
        this.forwarder = forwarder;
        this.self = MonitorQueries.self(config);
    }

    /**
     * @param ids       distinct monitor ids, at most {@link MonitorStates#MAX_IDS}
     * @param points    signals per monitor, 0 to {@link MonitorStates#MAX_POINTS}
     * @param forwarded whether another instance sent this read: then ids owned elsewhere are unavailable, so a read
     *                  that raced a rebalance ends here instead of bouncing between instances
     */
    public Response read(List<String> ids, int points, boolean forwarded) {
        Optional<KafkaStreams> running = queries.running();
        if (running.isEmpty()) {
            return queries.notRunning();
        }
        Map<Integer, List<String>> local = new TreeMap<>();
        Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (String id : ids) {
            Optional<KeyQueryMetadata> owner = MonitorQueries.owner(running.get(), id);
            if (owner.isPresent() && owner.get().activeHost().equals(self)) {
                local.computeIfAbsent(owner.get().partition(), p -> new ArrayList<>()).add(id);
            } else if (owner.isPresent() && !forwarded) {
                remote.computeIfAbsent(owner.get().activeHost(), h -> new ArrayList<>()).add(id);
            }
        }
        Map<HostInfo, CompletableFuture<Optional<OwnerForwarder.Answer>>> asked = new LinkedHashMap<>();
        remote.forEach((owner, group) -> asked.put(owner, forwarder.post(owner,
                MonitorStates.PATH + MonitorStates.query(points), MonitorStates.request(group))));

        Found found = new Found();
        local.forEach((partition, group) -> readLocally(running.get(), partition, group, points, found));
        asked.forEach((owner, answer) -> answer.join().flatMap(a -> MonitorStates.fromAnswer(a.status(), a.body()))
                .ifPresentOrElse(found::add, () -> LOG.debugf("%s did not answer for %d monitors", owner,
                        remote.get(owner).size())));
        return Response.ok(found.answer(ids).toJson(), MediaType.APPLICATION_JSON).build();
    }

    private static void readLocally(KafkaStreams streams, int partition, List<String> group, int points,
            Found found) {
        LocalStateReader reader = new LocalStateReader(streams, partition);
        try {
            for (String id : group) {
                Optional<MonitorState> state = reader.state(id);
                if (state.isEmpty()) {
                    found.unknown.add(id);
                    continue;
                }
                List<HeartbeatEntry> latest = reader.latest(state.get(), points);
                if (!latest.isEmpty()) {
                    found.points.put(id, latest.stream().map(BatchStateQuery::point).toList());
                }
                found.states.put(id, MonitorQueries.liveState(state.get()));
            }
        } catch (InvalidStateStoreException e) {
            LOG.debugf("Store of partition %d not queryable: %s", partition, e.getMessage());
        }
    }

    private static MonitorStates.Point point(HeartbeatEntry entry) {
        return new MonitorStates.Point(entry.at(), entry.value(), entry.durationMillis(), entry.status());
    }

    /** What the owners said; an id none of them answered for is unavailable. */
    private static final class Found {

        final Map<String, MonitorLiveState> states = new HashMap<>();
        final Map<String, List<MonitorStates.Point>> points = new HashMap<>();
        final Set<String> unknown = new HashSet<>();

        void add(MonitorStates answer) {
            answer.states().forEach(state -> states.put(state.monitorId(), state));
            points.putAll(answer.points());
            unknown.addAll(answer.unknown());
        }

        /** Every id in exactly one list, in the order asked, whatever order the owners answered in. */
        MonitorStates answer(List<String> ids) {
            List<MonitorLiveState> read = new ArrayList<>();
            Map<String, List<MonitorStates.Point>> readPoints = new LinkedHashMap<>();
            List<String> unavailable = new ArrayList<>();
            List<String> unseen = new ArrayList<>();
            for (String id : ids) {
                MonitorLiveState state = states.get(id);
                if (state != null) {
                    read.add(state);
                    Optional.ofNullable(points.get(id)).ifPresent(p -> readPoints.put(id, p));
                } else if (unknown.contains(id)) {
                    unseen.add(id);
                } else {
                    unavailable.add(id);
                }
            }
            return new MonitorStates(read, readPoints, unavailable, unseen);
        }
    }
}
