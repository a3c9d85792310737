package io.pushmon.bench.dashboard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.common.internal.MonitorStates;

/**
 * The HTTP calls of the dashboard scenario, from one {@link HttpClient} (HTTP/1.1, keep-alive): the account and
 * monitor API with a session as the bearer, pushes, the overview page with the session cookie, and the processor's
 * batch read.
 */
final class DashboardClient {

    /** An answer of the API: status and JSON body (an empty object when there is none). */
    record Answer(int status, JsonNode body) {
    }

    /**
     * An overview page as the harness got it.
     *
     * @param modelMicros  the Server-Timing {@code model} duration, -1 when missing
     * @param renderMicros the Server-Timing {@code render} duration, -1 when missing
     * @param ttlbMicros   from sending the request until the last byte of the body was read
     * @param body         the body as sent (compressed when {@code encoding} says so)
     */
    record Page(int status, long modelMicros, long renderMicros, long ttlbMicros, byte[] body, String encoding) {

        boolean timed() {
            return modelMicros >= 0 && renderMicros >= 0;
        }

        /** The HTML, decompressed if it came gzipped. */
        String html() {
            if (!"gzip".equalsIgnoreCase(encoding)) {
                return new String(body, StandardCharsets.UTF_8);
            }
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final String SESSION_COOKIE = "pushmon_session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVER_TIMING = Pattern.compile("\\b(model|render);dur=([0-9]+(?:\\.[0-9]+)?)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String gatewayUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    DashboardClient(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /** {@code GET /app} with the session cookie, gzip asked for or not. */
    Page page(String session, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/app")).timeout(TIMEOUT)
                .header("Cookie", SESSION_COOKIE + "=" + session);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpRequest built = request.GET().build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        long ttlb = (System.nanoTime() - start) / 1_000;
        long model = -1;
        long render = -1;
        Matcher timing = SERVER_TIMING.matcher(response.headers().firstValue("Server-Timing").orElse(""));
        while (timing.find()) {
            long micros = Math.round(Double.parseDouble(timing.group(2)) * 1000);
            if (timing.group(1).equals("model")) {
                model = micros;
            } else {
                render = micros;
            }
        }
        return new Page(response.statusCode(), model, render, ttlb, response.body(),
                response.headers().firstValue("Content-Encoding").orElse("identity"));
    }

    Answer post(String path, Object body, String bearer) {
        return send("POST", path, body, bearer);
    }

    Answer put(String path, Object body, String bearer) {
        return send("PUT", path, body, bearer);
    }

    Answer get(String path, String bearer) {
        return send("GET", path, null, bearer);
    }

    /** {@code POST /api/push/{token}?query}; the status. */
    int push(String token, String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/push/" + token + "?" + query))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
        return call(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Whether the processor has this monitor in its state (its interactive query answers 200). */
    boolean trackedBy(String processorUrl, String monitorId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(processorUrl + "/internal/monitors/" + monitorId
                + "/state")).timeout(TIMEOUT).build();
        return call(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /**
     * The processor's {@code POST /internal/states} for these monitors with their sparkline points, as the
     * gateway's LiveStateReader asks it; the microseconds until the whole answer was read.
     */
    long states(String processorUrl, Collection<String> monitorIds, int points) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(processorUrl + MonitorStates.PATH
                + MonitorStates.query(points))).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MonitorStates.request(monitorIds))).build();
        long start = System.nanoTime();
        HttpResponse<byte[]> response = call(request, HttpResponse.BodyHandlers.ofByteArray());
        long micros = (System.nanoTime() - start) / 1_000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the processor's batch read answered " + response.statusCode());
        }
        return micros;
    }

    private Answer send(String method, String path, Object body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(TIMEOUT);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = call(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = JSON.createObjectNode().put("raw", response.body());
        }
        return new Answer(response.statusCode(), json);
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
