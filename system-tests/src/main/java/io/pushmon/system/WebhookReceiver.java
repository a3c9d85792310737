package io.pushmon.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP server on a free loopback port that answers 200 to every POST (at once, or after a set delay) and
 * records what arrived: method, path, headers, raw body and the receiver's clock at arrival. Give each test its own
 * path ({@link #url(String)}) and read only that path's deliveries, so tests sharing one receiver do not see each
 * other's notifications.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. Header names are case-insensitive. */
    public record Delivery(String method, String path, Map<String, String> headers, byte[] body, Instant receivedAt) {

        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, as the webhook channel sends it. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Checks {@code X-Pushmon-Signature} as alert-dispatcher/CHANNELS.md tells receivers to: HMAC-SHA256 of
         * {@code <X-Pushmon-Timestamp>.<raw body>} keyed with the channel's secret, hex, {@code v1=} prefix,
         * compared in constant time, and a timestamp within 5 minutes of our clock.
         */
        public boolean signedWith(String secret) {
            String timestamp = header("X-Pushmon-Timestamp");
            String signature = header("X-Pushmon-Signature");
            if (timestamp == null || signature == null) {
                return false;
            }
            long signedAt;
            try {
                signedAt = Long.parseLong(timestamp);
            } catch (NumberFormatException e) {
                return false;
            }
            if (Math.abs(receivedAt.getEpochSecond() - signedAt) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
                String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        signature.getBytes(StandardCharsets.US_ASCII));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    // Not copy-on-write: a benchmark's alert storm records a hundred thousand deliveries.
    private final List<Delivery> deliveries = new ArrayList<>();
    private final Duration answerDelay;

    private WebhookReceiver(HttpServer server, Duration answerDelay) {
        this.server = server;
        this.answerDelay = answerDelay;
        server.createContext("/", this::record);
        server.setExecutor(executor);
        server.start();
    }

    public static WebhookReceiver start() {
        return start(Duration.ZERO);
    }

    /**
     * A slow receiver: each request is recorded when it arrives but answered only after {@code answerDelay}, so a
     * fault test can crash the sender while deliveries are in flight (received here, not yet acknowledged there).
     */
    public static WebhookReceiver start(Duration answerDelay) {
        try {
            return new WebhookReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0),
                    answerDelay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of one path on this receiver, e.g. {@code url("/hooks/down-test")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Everything that arrived on {@code path}, in arrival order. */
    public List<Delivery> deliveries(String path) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.path().equals(path)).toList();
        }
    }

    /** How many requests arrived on {@code path}, without copying them. */
    public long count(String path) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.path().equals(path)).count();
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        Delivery delivery = new Delivery(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                arrived);
        synchronized (deliveries) {
            deliveries.add(delivery);
        }
        if (!answerDelay.isZero()) {
            try {
                Thread.sleep(answerDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
