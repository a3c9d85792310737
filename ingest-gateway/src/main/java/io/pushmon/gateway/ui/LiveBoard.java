package io.pushmon.gateway.ui;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.serde.Json;
import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.incidents.IncidentLog;
import io.pushmon.gateway.monitors.MonitorService;
import io.pushmon.gateway.status.LiveStateReader;

/**
 * Live status for open dashboards, as server-sent events. For each tenant that has a dashboard open on this
 * gateway, one round per {@code pushmon.dashboard.live-interval} reads all its monitors' states from the processor
 * in one call and sends each browser the rows that changed. The processor is the source, not this gateway's own
 * pushes, so the changes pushes to other gateways cause reach every browser; a down read off
 * {@code monitor-events} starts a round for its tenant at once instead of at the next interval.
 */
@ApplicationScoped
public class LiveBoard {

    private static final Logger LOG = Logger.getLogger(LiveBoard.class);
    private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(15);

    /** What a browser is told about one monitor. */
    record RowState(String id, String status, Instant lastHeartbeatAt, Instant nextDeadlineAt, String lastMsg) {
    }

    /** One open dashboard: what it was last sent, so it gets only changes. */
    private static final class Viewer {
        final SseEventSink sink;
        final Sse sse;
        final Map<String, RowState> sent = new HashMap<>();
        long lastSentAt = System.nanoTime();

        Viewer(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }
    }

    private final Map<String, List<Viewer>> viewers = new ConcurrentHashMap<>();
    private final Set<String> urgent = ConcurrentHashMap.newKeySet();
    private final MonitorService monitors;
    private final LiveStateReader liveStates;
    private final IncidentLog incidents;
    private final long intervalMillis;
    private ScheduledExecutorService rounds;

    @Inject
    public LiveBoard(MonitorService monitors, LiveStateReader liveStates, IncidentLog incidents, GatewayConfig config) {
        this.monitors = monitors;
        this.liveStates = liveStates;
        this.incidents = incidents;
        this.intervalMillis = config.dashboard().liveInterval().toMillis();
    }

    @PostConstruct
    void start() {
        rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pushmon-dashboard-live");
            thread.setDaemon(true);
            return thread;
        });
        // A short tick that runs a full round every interval, or sooner for a tenant an event made urgent.
        long tick = Math.max(50, Math.min(intervalMillis, 200));
        long[] elapsed = {0};
        rounds.scheduleWithFixedDelay(() -> {
            elapsed[0] += tick;
            boolean full = elapsed[0] >= intervalMillis;
            if (full) {
                elapsed[0] = 0;
            }
            round(full);
        }, tick, tick, TimeUnit.MILLISECONDS);
        incidents.listen(event -> {
            if (event.tenantId() != null && viewers.containsKey(event.tenantId())) {
                urgent.add(event.tenantId());
            }
        });
    }

    /** Adds an open dashboard of a tenant; it gets every row once at the next round, then changes. */
    public void watch(String tenantId, SseEventSink sink, Sse sse) {
        Viewer viewer = new Viewer(sink, sse);
        viewers.compute(tenantId, (t, open) -> {
            List<Viewer> list = open == null ? new CopyOnWriteArrayList<>() : open;
            list.add(viewer);
            return list;
        });
        urgent.add(tenantId);
    }

    private void round(boolean full) {
        for (var entry : viewers.entrySet()) {
            String tenantId = entry.getKey();
            if (!full && !urgent.remove(tenantId)) {
                continue;
            }
            try {
                refresh(tenantId, entry.getValue());
            } catch (RuntimeException e) {
                LOG.warnf("Live dashboard round for a tenant failed: %s", e.toString());
            }
        }
        // Atomic per tenant with watch(): a dashboard opened during the round is not dropped with an empty list.
        for (String tenantId : viewers.keySet()) {
            viewers.computeIfPresent(tenantId, (t, open) -> open.isEmpty() ? null : open);
        }
    }

    private void refresh(String tenantId, List<Viewer> open) {
        open.removeIf(viewer -> viewer.sink.isClosed());
        if (open.isEmpty()) {
            return;
        }
        List<MonitorDefinition> all = monitors.list(tenantId);
        Optional<MonitorStates> read = liveStates.readAll(all.stream().map(MonitorDefinition::id).toList(), 0);
        if (read.isEmpty()) {
            return;
        }
        Map<String, MonitorLiveState> states = new HashMap<>();
        read.get().states().forEach(state -> states.put(state.monitorId(), state));
        Set<String> unknown = Set.copyOf(read.get().unknown());
        Map<String, RowState> rows = new HashMap<>();
        for (MonitorDefinition monitor : all) {
            MonitorLiveState state = states.get(monitor.id());
            if (state == null && !unknown.contains(monitor.id())) {
                continue;
            }
            String status = OverviewModel.statusOf(monitor, state, unknown.contains(monitor.id()));
            rows.put(monitor.id(), new RowState(monitor.id(), status, state == null ? null : state.lastHeartbeatAt(),
                    state == null || monitor.inactive() ? null : state.nextDeadlineAt(),
                    state == null ? null : state.lastMsg()));
        }
        for (Viewer viewer : open) {
            send(viewer, rows);
        }
    }

    private void send(Viewer viewer, Map<String, RowState> rows) {
        try {
            for (RowState row : rows.values()) {
                if (Objects.equals(viewer.sent.get(row.id()), row)) {
                    continue;
                }
                viewer.sink.send(viewer.sse.newEventBuilder().name("monitor")
                        .data(Json.MAPPER.writeValueAsString(row)).build());
                viewer.sent.put(row.id(), row);
                viewer.lastSentAt = System.nanoTime();
            }
            // A comment now and then: a closed browser shows only on a write, and proxies cut idle streams.
            if (System.nanoTime() - viewer.lastSentAt > KEEP_ALIVE_NANOS) {
                viewer.sink.send(viewer.sse.newEventBuilder().comment("keep-alive").build());
                viewer.lastSentAt = System.nanoTime();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row state is always writable as JSON", e);
        } catch (IllegalStateException e) {
            // The browser went away between the check and the send: the next round drops it.
            viewer.sink.close();
        }
    }

    @PreDestroy
    void stop() {
        rounds.shutdownNow();
        viewers.values().forEach(list -> list.forEach(viewer -> viewer.sink.close()));
    }
}
