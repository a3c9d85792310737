package io.pushmon.gateway.monitors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pushmon.common.internal.Backtests;
import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorStatus;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real local HTTP server in the processor's place, answering with the processor's contract types: a monitor's
 * state with the threshold counts a test put here, and its backtest, for which it keeps the query it got and answers
 * {@link #REPORT}'s history with one incident for every rule of failure threshold 1 and none for the others. A
 * monitor it was told nothing about is one it has not seen (404); one marked rebalancing answers 503.
 */
public class BacktestingProcessor implements QuarkusTestResourceLifecycleManager {

    static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T02:00:00Z");
    static final Backtests.Incident INCIDENT = new Backtests.Incident(Instant.parse("2026-01-01T01:00:00Z"),
            Instant.parse("2026-01-01T01:10:00Z"), EventReason.TIMEOUT);
    static final int SIGNALS = 100;

    private static final Map<String, MonitorLiveState.Thresholds> KNOWN = new ConcurrentHashMap<>();
    private static final Set<String> REBALANCING = ConcurrentHashMap.newKeySet();
    private static final Map<String, Backtests.Query> ASKED = new ConcurrentHashMap<>();

    private HttpServer server;

    static void holds(String monitorId, MonitorLiveState.Thresholds thresholds) {
        KNOWN.put(monitorId, thresholds);
    }

    static void rebalancing(String monitorId) {
        REBALANCING.add(monitorId);
    }

    /** The backtest query the processor got for the monitor, null if none. */
    static Backtests.Query asked(String monitorId) {
        return ASKED.get(monitorId);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/monitors/", BacktestingProcessor::answer);
        server.start();
        return Map.of("pushmon.processor.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String id = path[3];
        String view = path[4];
        if (REBALANCING.contains(id)) {
            exchange.getResponseHeaders().add("Retry-After", "3");
            send(exchange, 503, "{\"ok\":false,\"error\":\"rebalancing\"}");
        } else if (!KNOWN.containsKey(id)) {
            send(exchange, 404, "{\"ok\":false,\"error\":\"unknown monitor\"}");
        } else if (view.equals("state")) {
            send(exchange, 200, new MonitorLiveState(id, MonitorStatus.UP, FROM, TO, null, null, 0, null, 0, null,
                    null, KNOWN.get(id)).toJson());
        } else if (view.equals("backtest") && exchange.getRequestMethod().equals("POST")) {
            Backtests.Query query = Backtests.Query.fromJson(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            ASKED.put(id, query);
            List<List<Backtests.Incident>> incidents = query.rules().stream()
                    .map(rule -> rule.failureThreshold() == 1 ? List.of(INCIDENT) : List.<Backtests.Incident>of())
                    .toList();
            send(exchange, 200, new Backtests.Report(FROM, TO, SIGNALS, incidents).toJson());
        } else {
            send(exchange, 404, "{\"ok\":false,\"error\":\"not found\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
