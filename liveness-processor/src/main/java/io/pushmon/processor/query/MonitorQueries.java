package io.pushmon.processor.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.internal.HeartbeatBody;
import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.serde.Json;
import io.pushmon.processor.backtest.Backtest;
import io.pushmon.processor.config.ProcessorConfig;
import io.pushmon.processor.detector.DetectorStore;
import io.pushmon.processor.detector.DetectorStores;
import io.pushmon.processor.detector.HeartbeatEntry;
import io.pushmon.processor.detector.MonitorState;
import io.pushmon.processor.detector.Streak;
import io.pushmon.processor.topology.DetectorService;

/**
 * Answers point reads of a monitor through interactive queries: locally when this instance owns the
 * monitor's partition, otherwise by forwarding to the owner. While the owner is unknown or its stores are
 * not queryable (start, rebalance, restore) it answers 503 with Retry-After instead of waiting.
 */
@ApplicationScoped
public class MonitorQueries {

    private static final Logger LOG = Logger.getLogger(MonitorQueries.class);

    private final DetectorService detector;
    private final HostInfo self;
    private final OwnerForwarder forwarder;
    private final int retryAfterSeconds;
    private final Backtest backtest = new Backtest();

    public MonitorQueries(DetectorService detector, ProcessorConfig config, OwnerForwarder forwarder) {
        this.detector = detector;
        this.self = self(config);
        this.forwarder = forwarder;
        this.retryAfterSeconds = config.query().retryAfterSeconds();
    }

    public Response read(String monitorId, MonitorView view, boolean forwarded) {
        return routed(monitorId, forwarded, (streams, partition) -> readLocally(streams, partition, monitorId, view),
                owner -> forwarder.forward(owner, monitorId, view));
    }

    /**
     * What each rule of the query would have done with the monitor's retained signals, as {@code Backtests.Report}
     * JSON: the owner reads its last {@value DetectorStores#HISTORY_SIZE} signals from one store and replays them
     * once per rule, changing nothing.
     */
    public Response backtest(String monitorId, Backtests.Query query, boolean forwarded) {
        return routed(monitorId, forwarded,
                (streams, partition) -> backtestLocally(streams, partition, monitorId, query),
                owner -> forwarder.post(owner, OwnerForwarder.monitorPath(monitorId, "backtest"), query.toJson())
                        .join());
    }

    /** Answers here when this instance owns the monitor, else passes the request on to the owner once. */
    private Response routed(String monitorId, boolean forwarded, BiFunction<KafkaStreams, Integer, Response> local,
            Function<HostInfo, Optional<OwnerForwarder.Answer>> remote) {
        Optional<KafkaStreams> running = running();
        if (running.isEmpty()) {
            return notRunning();
        }
        Optional<KeyQueryMetadata> owner = owner(running.get(), monitorId);
        if (owner.isEmpty()) {
            return unavailable("the owner of this monitor is not known yet");
        }
        if (owner.get().activeHost().equals(self)) {
            return local.apply(running.get(), owner.get().partition());
        }
        if (forwarded) {
            return unavailable("this monitor's partition is moving between instances");
        }
        return remote.apply(owner.get().activeHost())
                .map(MonitorQueries::passThrough)
                .orElseGet(() -> unavailable("the owner of this monitor did not answer"));
    }

    /** Kafka Streams while it is RUNNING: only then are the owners of keys known and stores queryable. */
    Optional<KafkaStreams> running() {
        return detector.streams().filter(s -> s.state() == KafkaStreams.State.RUNNING);
    }

    /** The 503 of a read while Kafka Streams is not RUNNING. */
    Response notRunning() {
        return unavailable("the processor is " + detector.state().name().toLowerCase());
    }

    /** How other instances reach this one, as the owners of keys are named. */
    static HostInfo self(ProcessorConfig config) {
        return HostInfo.buildFromEndpoint(config.applicationServer());
    }

    /** The instance and partition that own a monitor; empty while that is not known (a rebalance). */
    static Optional<KeyQueryMetadata> owner(KafkaStreams streams, String monitorId) {
        KeyQueryMetadata owner = streams.queryMetadataForKey(DetectorStore.MONITOR_STATE.storeName(), monitorId,
                Serdes.String().serializer());
        return owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner) ? Optional.empty() : Optional.of(owner);
    }

    private Response readLocally(KafkaStreams streams, int partition, String monitorId, MonitorView view) {
        LocalStateReader reader = new LocalStateReader(streams, partition);
        try {
            Optional<MonitorState> state = reader.state(monitorId);
            if (state.isEmpty()) {
                return error(Response.Status.NOT_FOUND, "unknown monitor");
            }
            String json = switch (view.kind()) {
                case STATE -> liveState(state.get()).toJson();
                case HEARTBEATS -> Json.MAPPER.writeValueAsString(reader.heartbeats(monitorId));
                case EVENTS -> Json.MAPPER.writeValueAsString(reader.events(monitorId));
                case BODY -> {
                    Optional<byte[]> body = reader.body(monitorId, view.seq());
                    if (body.isEmpty()) {
                        yield null;
                    }
                    yield HeartbeatBody.of(view.seq(), body.get()).toJson();
                }
            };
            if (json == null) {
                return error(Response.Status.NOT_FOUND, "no body is kept for this heartbeat");
            }
            return Response.ok(json, MediaType.APPLICATION_JSON).build();
        } catch (InvalidStateStoreException e) {
            LOG.debugf("Store of partition %d not queryable: %s", partition, e.getMessage());
            return unavailable("this monitor's state is being restored or moved");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the " + view.path() + " of a monitor as JSON", e);
        }
    }

    private Response backtestLocally(KafkaStreams streams, int partition, String monitorId, Backtests.Query query) {
        LocalStateReader reader = new LocalStateReader(streams, partition);
        List<HeartbeatEntry> signals;
        Optional<Long> heartbeatTime;
        try {
            Optional<MonitorState> state = reader.state(monitorId);
            if (state.isEmpty()) {
                return error(Response.Status.NOT_FOUND, "unknown monitor");
            }
            signals = new ArrayList<>(reader.latest(state.get(), DetectorStores.HISTORY_SIZE));
            heartbeatTime = reader.heartbeatTime();
        } catch (InvalidStateStoreException e) {
            LOG.debugf("Store of partition %d not queryable: %s", partition, e.getMessage());
            return unavailable("this monitor's state is being restored or moved");
        }
        Collections.reverse(signals);
        Optional<Long> newest = signals.isEmpty() ? Optional.empty()
                : Optional.of(signals.get(signals.size() - 1).at());
        // Every signal replayed has been read, so "now" is never before the newest of them.
        Optional<Long> now = heartbeatTime.map(read -> Math.max(read, newest.orElse(read))).or(() -> newest);
        List<List<Backtests.Incident>> incidents = new ArrayList<>(query.rules().size());
        for (Backtests.Rule rule : query.rules()) {
            try {
                incidents.add(backtest.replay(monitorId, rule, signals, now.orElse(0L)));
            } catch (IllegalStateException e) {
                return error(Response.Status.BAD_REQUEST, e.getMessage());
            }
        }
        Instant from = signals.isEmpty() ? null : Instant.ofEpochMilli(signals.get(0).at());
        Instant to = now.map(Instant::ofEpochMilli).orElse(null);
        return Response.ok(new Backtests.Report(from, to, signals.size(), incidents).toJson(),
                MediaType.APPLICATION_JSON).build();
    }

    /** The contract's view of the state: what the gateway shows on {@code GET /api/monitors/{id}}. */
    static MonitorLiveState liveState(MonitorState state) {
        return new MonitorLiveState(state.monitorId(), state.visibleStatus(), instant(state.lastHeartbeatAt()),
                state.paused() ? null : instant(state.deadline()), state.lastMsg(), state.lastValue(),
                state.incident(), state.runs().isEmpty() ? null : instant(state.runs().get(0).startedAt()),
                state.runs().size(), state.lastDurationMillis(), state.lastExitStatus(),
                thresholds(state.streak()));
    }

    private static MonitorLiveState.Thresholds thresholds(Streak streak) {
        return new MonitorLiveState.Thresholds(streak.failures(), streak.failureThreshold(), streak.recoveries(),
                streak.recoveryThreshold());
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static Response passThrough(OwnerForwarder.Answer answer) {
        Response.ResponseBuilder response = Response.status(answer.status()).entity(answer.body())
                .type(MediaType.APPLICATION_JSON);
        answer.retryAfter().ifPresent(value -> response.header("Retry-After", value));
        return response.build();
    }

    private Response unavailable(String why) {
        return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE, why))
                .header("Retry-After", retryAfterSeconds).build();
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("ok", false, "error", message))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
