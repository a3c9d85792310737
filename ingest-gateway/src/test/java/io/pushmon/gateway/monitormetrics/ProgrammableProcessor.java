package io.pushmon.gateway.monitormetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.internal.MonitorStates;
import io.pushmon.common.serde.Json;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real local HTTP server in the processor's place that answers its batch live-state read, {@code POST
 * /internal/states}, with what a test put here: the state the processor would hold after the test's pushes, a
 * monitor it cannot read as while it rebalances, or one it has not seen (written with the contract's own writer).
 */
public class ProgrammableProcessor implements QuarkusTestResourceLifecycleManager {

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
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
                .equals(MonitorStates.PATH)) {
            send(exchange, 404, "{\"ok\":false,\"error\":\"not found\"}");
            return;
        }
        List<String> ids = Json.MAPPER.readValue(exchange.getRequestBody(), new TypeReference<List<String>>() {
        });
        List<MonitorLiveState> states = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ids) {
            ASKED.add(id);
            if (REBALANCING.contains(id)) {
                unavailable.add(id);
            } else if (STATES.containsKey(id)) {
                states.add(STATES.get(id));
            } else {
                unknown.add(id);
            }
        }
        send(exchange, 200, new MonitorStates(states, Map.of(), unavailable, unknown).toJson());
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
