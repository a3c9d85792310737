package io.pushmon.processor.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Singleton;

import org.apache.kafka.streams.state.HostInfo;

import io.pushmon.processor.config.ProcessorConfig;

/** Passes a read on to the instance that owns the monitor's partition. */
@Singleton
final class OwnerForwarder {

    /** Marks a forwarded read, so an owner that lost the partition meanwhile answers 503 instead of bouncing. */
    static final String FORWARDED_HEADER = "X-Pushmon-Forwarded";

    /** The owner's answer, passed through unchanged. */
    record Answer(int status, String body, Optional<String> retryAfter) {
    }

    private final HttpClient client;
    private final Duration timeout;

    OwnerForwarder(ProcessorConfig config) {
        this.timeout = config.query().forwardTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The owner's answer, or empty when it could not be reached in time. */
    Optional<Answer> forward(HostInfo owner, String monitorId, MonitorView view) {
        return send(request(owner, monitorPath(monitorId, view.path())).GET()).join();
    }

    /** The path of a monitor's endpoint below {@code /internal/monitors/{id}/}, with the id encoded. */
    static String monitorPath(String monitorId, String below) {
        return "/internal/monitors/" + URLEncoder.encode(monitorId, StandardCharsets.UTF_8).replace("+", "%20") + "/"
                + below;
    }

    /**
     * The owner's answer to a POST of a JSON body, or empty when it could not be reached in time. It does not wait,
     * so that a read spanning several owners asks them all at once and takes as long as the slowest, not their sum.
     */
    CompletableFuture<Optional<Answer>> post(HostInfo owner, String pathAndQuery, String json) {
        return send(request(owner, pathAndQuery).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(HostInfo owner, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://" + owner.host() + ":" + owner.port() + pathAndQuery))
                .timeout(timeout).header(FORWARDED_HEADER, "true").header("Accept", "application/json");
    }

    private CompletableFuture<Optional<Answer>> send(HttpRequest.Builder request) {
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> Optional.of(new Answer(response.statusCode(), response.body(),
                        response.headers().firstValue("Retry-After"))))
                .exceptionally(unreachable -> Optional.empty());
    }
}
