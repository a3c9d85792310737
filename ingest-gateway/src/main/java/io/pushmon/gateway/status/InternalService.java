package io.pushmon.gateway.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.pushmon.gateway.GatewayConfig;
import io.pushmon.gateway.errors.ApiError;

/**
 * Calls one of the other services' internal endpoints (docs/architecture.md) on behalf of a tenant whose
 * access the gateway has already checked. Any way the call can fail without an answer (refused, timed out,
 * the owner of the key rebalancing) becomes a 503 with Retry-After: a caller must be able to tell "try
 * again shortly" from "does not exist", and must never wait for an answer that is not coming.
 */
public final class InternalService {

    private final String name;
    private final String baseUrl;
    private final Duration timeout;
    private final long retryAfterSeconds;
    private final HttpClient client;

    public InternalService(String name, String baseUrl, Duration timeout, long retryAfterSeconds, HttpClient client) {
        this.name = name;
        this.baseUrl = GatewayConfig.base(baseUrl);
        this.timeout = timeout;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        this.client = client;
    }

    /** The answer of {@code GET path}, relayed: body and status as the service gave them, or a 503. */
    public Response get(String path) {
        return relay(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** The answer of {@code POST path} without a body, relayed like {@link #get}, waiting up to {@code wait}. */
    public Response post(String path, Duration wait) {
        return relay(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(wait));
    }

    /** The answer of {@code POST path} with a JSON body, relayed like {@link #get}. */
    public Response post(String path, String json) {
        return relay(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private Response relay(HttpRequest.Builder request) {
        HttpResponse<String> answer;
        try {
            answer = send(request);
        } catch (IOException e) {
            return unavailable(name + " did not answer");
        }
        if (answer.statusCode() == 503 || answer.statusCode() >= 500) {
            String retryAfter = answer.headers().firstValue("Retry-After").orElse(String.valueOf(retryAfterSeconds));
            return Response.status(503).header("Retry-After", retryAfter).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ApiError.of(name + " is not ready to answer (rebalancing or starting); retry shortly"))
                    .build();
        }
        return Response.status(answer.statusCode()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.body()).build();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            HttpRequest built = request.header("Accept", "application/json").build();
            if (built.timeout().isEmpty()) {
                built = HttpRequest.newBuilder(built, (name, value) -> true).timeout(timeout).build();
            }
            return client.send(built,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Response unavailable(String message) {
        return Response.status(503).header("Retry-After", String.valueOf(retryAfterSeconds))
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ApiError.of(message + "; retry shortly")).build();
    }
}
