package io.pushmon.gateway.monitormetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pushmon.common.internal.MonitorLiveState;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real local HTTP server in the processor's place that answers its live-state read, {@code GET
 * /internal/monitors/{id}/state}, with what a test put here: the state the processor would hold after the test's
 * pushes (written with the contract's own writer), a 503 as while it rebalances, or its 404 for a monitor it has
 * not seen.
 */
public class ProgrammableProcessor implements QuarkusTestResourceLifecycleManager {

    private static final Pattern STATE = Pattern.compile("/internal/monitors/([^/]+)/state");
    private static final Map<String, MonitorLiveState> STATES = new ConcurrentHashMap<>();
    private static final Set<String> REBALANCING = ConcurrentHashMap.newKeySet();
    private static final Set<String> ASKED = ConcurrentHashMap.newKeySet();

    private HttpServer server;

    static void holds(MonitorLiveState state) {
        STATES.put(state.monitorId(), state);
    }

    static void rebalancing(String monitorId) {
        REBALANCING.add(monitorId);
    }

    static boolean asked(String monitorId) {
        return ASKED.contains(monitorId);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ProgrammableProcessor::answer);
        server.start();
        return Map.of("pushmon.processor.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange) throws IOException {
        Matcher path = STATE.matcher(exchange.getRequestURI().getPath());
        if (!exchange.getRequestMethod().equals("GET") || !path.matches()) {
            send(exchange, 404, "{\"ok\":false,\"error\":\"not found\"}");
            return;
        }
        String id = path.group(1);
        ASKED.add(id);
        MonitorLiveState state = STATES.get(id);
        if (REBALANCING.contains(id)) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            send(exchange, 503, "{\"ok\":false,\"error\":\"rebalancing\"}");
        } else if (state != null) {
            send(exchange, 200, state.toJson());
        } else {
            send(exchange, 404, "{\"ok\":false,\"error\":\"unknown monitor\"}");
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
