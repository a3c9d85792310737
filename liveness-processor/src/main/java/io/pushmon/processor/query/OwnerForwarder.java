package io.pushmon.processor.query;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.apache.kafka.streams.state.HostInfo;

/** Passes a read on to the instance that owns the monitor's partition. */
final class OwnerForwarder {

    /** Marks a forwarded read, so an owner that lost the partition meanwhile answers 503 instead of bouncing. */
    static final String FORWARDED_HEADER = "X-Pushmon-Forwarded";

    /** The owner's answer, passed through unchanged. */
    record Answer(int status, String body, Optional<String> retryAfter) {
    }

    private final HttpClient client;
    private final Duration timeout;

    OwnerForwarder(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The owner's answer, or empty when it could not be reached in time. */
    Optional<Answer> forward(HostInfo owner, String monitorId, MonitorView view) {
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + "/internal/monitors/"
                + URLEncoder.encode(monitorId, StandardCharsets.UTF_8).replace("+", "%20") + "/" + view.path());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header(FORWARDED_HEADER, "true")
                .header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After")));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
