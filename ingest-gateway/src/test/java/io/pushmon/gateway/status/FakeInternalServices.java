package io.pushmon.gateway.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.pushmon.common.internal.MonitorLiveState;
import io.pushmon.common.model.MonitorStatus;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real local HTTP server standing in for the processor and the dispatcher, with fixed answers per kind of
 * internal endpoint: the gateway must relay them as they come, whatever the monitor.
 */
public class FakeInternalServices implements QuarkusTestResourceLifecycleManager {

    /** Written with the contract's own writer, as the processor writes it. */
    static final String STATE = new MonitorLiveState("x", MonitorStatus.DOWN, Instant.parse("2026-01-01T00:00:00Z"),
            null, "disk full", 12.5, 3, null, 0, 61_500L, 3, null).toJson();
    static final String HEARTBEATS = "[{\"at\":\"2026-01-01T00:00:00Z\",\"status\":\"down\",\"msg\":\"disk full\",\"value\":12.5}]";
    static final String NOTIFICATIONS = "[{\"channelId\":\"c1\",\"outcome\":\"delivered\",\"attempts\":1}]";
    static final String TEST_SENT = "{\"ok\":true,\"statusCode\":204,\"error\":null}";
    /** The events endpoint answers as a rebalancing processor does. */
    static final String EVENTS_RETRY_AFTER = "7";

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", FakeInternalServices::answer);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("pushmon.processor.url", url, "pushmon.dispatcher.url", url);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.endsWith("/state")) {
            send(exchange, 200, STATE);
        } else if (method.equals("GET") && path.endsWith("/heartbeats")) {
            send(exchange, 200, HEARTBEATS);
        } else if (method.equals("GET") && path.endsWith("/events")) {
            exchange.getResponseHeaders().add("Retry-After", EVENTS_RETRY_AFTER);
            send(exchange, 503, "{\"ok\":false,\"error\":\"rebalancing\"}");
        } else if (method.equals("GET") && path.endsWith("/notifications")) {
            send(exchange, 200, NOTIFICATIONS);
        } else if (method.equals("POST") && path.startsWith("/internal/channels/") && path.endsWith("/test")) {
            send(exchange, 200, TEST_SENT);
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
