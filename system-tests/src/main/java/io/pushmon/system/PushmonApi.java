package io.pushmon.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The public HTTP API of a running pushmon, as a user's script would call it: management calls with the API
 * key, pushes with nothing but the push URL. Failures of management calls are exceptions that carry the answer.
 */
public final class PushmonApi {

    /** A created webhook channel; {@code secret} signs its notifications and is shown only at creation. */
    public record Channel(String id, String secret) {
    }

    /** A created monitor. */
    public record Monitor(String id, String pushToken, String pushUrl) {

        /** Its Healthchecks-style URL, {@code /ping/{token}}, beside pushmon's own. */
        public String pingUrl() {
            return pushUrl.replace("/api/push/", "/ping/");
        }
    }

    /** An HTTP answer: status and body as JSON (a missing or non-JSON body is an empty object). */
    public record Answer(int status, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PushmonApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public PushmonApi(PushmonSystem system) {
        this(system.gatewayUrl(), system.apiKey());
    }

    public Channel createWebhookChannel(String name, String url) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("type", "webhook").put("url", url);
        JsonNode created = expect(201, call("POST", "/api/channels", body));
        return new Channel(created.path("id").asText(), created.path("secret").asText());
    }

    public Monitor createMonitor(String name, int timeoutSeconds, List<String> channelIds) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("timeoutSeconds", timeoutSeconds)
                .put("graceSeconds", 0);
        channelIds.forEach(body.putArray("channelIds")::add);
        return created(body);
    }

    /** An interval monitor with grace and tags. */
    public Monitor createMonitor(String name, int timeoutSeconds, int graceSeconds, List<String> channelIds,
            List<String> tags) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("timeoutSeconds", timeoutSeconds)
                .put("graceSeconds", graceSeconds);
        channelIds.forEach(body.putArray("channelIds")::add);
        tags.forEach(body.putArray("tags")::add);
        return created(body);
    }

    /** {@code POST /api/monitors} for an interval monitor, answered as it is (a refusal included). */
    public Answer createMonitorAnswer(String name, int timeoutSeconds) {
        return call("POST", "/api/monitors", JSON.createObjectNode().put("name", name)
                .put("timeoutSeconds", timeoutSeconds));
    }

    /** A monitor whose started runs may take {@code maxRuntimeSeconds} before it is down for running too long. */
    public Monitor createMonitorWithRunLimit(String name, int timeoutSeconds, int maxRuntimeSeconds) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("timeoutSeconds", timeoutSeconds)
                .put("graceSeconds", 0).put("maxRuntimeSeconds", maxRuntimeSeconds);
        return created(body);
    }

    /** A monitor whose runs are expected on a cron schedule in a time zone, with grace after each expected run. */
    public Monitor createCronMonitor(String name, String cron, String timeZone, int graceSeconds,
            List<String> channelIds) {
        ObjectNode body = JSON.createObjectNode().put("name", name).put("cron", cron).put("timeZone", timeZone)
                .put("graceSeconds", graceSeconds);
        channelIds.forEach(body.putArray("channelIds")::add);
        return created(body);
    }

    private Monitor created(ObjectNode body) {
        JsonNode created = expect(201, call("POST", "/api/monitors", body));
        return new Monitor(created.path("id").asText(), created.path("pushToken").asText(),
                created.path("pushUrl").asText());
    }

    public Answer monitor(String id) {
        return call("GET", "/api/monitors/" + id, null);
    }

    public void pause(String id) {
        expect(200, call("POST", "/api/monitors/" + id + "/pause", null));
    }

    public void resume(String id) {
        expect(200, call("POST", "/api/monitors/" + id + "/resume", null));
    }

    public void delete(String id) {
        expect(204, call("DELETE", "/api/monitors/" + id, null));
    }

    /** {@code GET /api/monitors/{id}/heartbeats}: the answer as it is (a 503 while the processor rebalances). */
    public Answer heartbeats(String id) {
        return call("GET", "/api/monitors/" + id + "/heartbeats", null);
    }

    /** {@code POST /api/ping-key}: a new ping key for the tenant; returns where its slug URLs start. */
    public String newPingUrl() {
        return expect(200, call("POST", "/api/ping-key", null)).path("pingUrl").asText();
    }

    /** {@code GET /api/monitors}: the tenant's monitors. */
    public Answer monitors() {
        return call("GET", "/api/monitors", null);
    }

    /** {@code GET /api/monitors/{id}/events}: its recent status changes, newest first. */
    public Answer events(String id) {
        return call("GET", "/api/monitors/" + id + "/events", null);
    }

    /** The monitor's recent heartbeats once the processor holds at least one, newest first; at most 15 s. */
    public JsonNode heartbeatsUntilOne(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Answer answer = heartbeats(id);
            if (answer.status() == 200 && answer.body().size() > 0) {
                return answer.body();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        throw new IllegalStateException("no heartbeat of " + id + " became readable within 15 s");
    }

    /** {@code GET /api/monitors/{id}/heartbeats/{seq}/body}: the output a job posted with one signal, as text. */
    public String heartbeatBody(String id, long seq) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/monitors/" + id + "/heartbeats/" + seq
                + "/body")).header("Authorization", "Bearer " + apiKey).timeout(Duration.ofSeconds(15)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("body " + seq + " of " + id + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code POST /api/push/{token}?query}: no API key, as a monitored job calls it. */
    public Answer push(String token, String query) {
        String uri = baseUrl + "/api/push/" + token + (query.isEmpty() ? "" : "?" + query);
        return send(HttpRequest.newBuilder(URI.create(uri)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + apiKey);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                body = JSON.createObjectNode().put("raw", response.body());
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode expect(int status, Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected HTTP " + status + ", got " + answer.status() + ": "
                    + answer.body());
        }
        return answer.body();
    }
}
