package io.pushmon.system.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads of live state made over and over while a fault happens, tallied per kind of read. The contract under a
 * fault: a read answers 200, or 503 with a {@code Retry-After} that tells the caller when to ask again. Anything
 * else (another status, a 503 without Retry-After, no answer at all) is a violation, kept with the URL it hit.
 */
final class ReadProbe {

    /** One answer: status, whether it said when to retry, and the body as JSON (empty if it was none). */
    record Answer(int status, boolean retryAfter, JsonNode body) {

        boolean ok() {
            return status == 200 || (status == 503 && retryAfter);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NO_ANSWER = -1;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String apiKey;
    private final Map<String, Map<String, AtomicLong>> tallies = new ConcurrentHashMap<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();

    /** {@code apiKey} goes with every read: gateways check it, the processor's internal endpoints ignore it. */
    ReadProbe(String apiKey) {
        this.apiKey = apiKey;
    }

    /** {@code GET url}, counted under {@code kind}. */
    Answer read(String kind, String url) {
        Answer answer = get(url, Map.of());
        String label = answer.status() == NO_ANSWER ? "no answer"
                : answer.status() + (answer.retryAfter() ? " Retry-After" : "")
                        + ("unknown".equals(answer.body().path("status").asText()) ? " status unknown" : "")
                        + (answer.status() == 200 ? "" : " (" + answer.body().path("error").asText() + ")");
        tallies.computeIfAbsent(kind, k -> new ConcurrentHashMap<>()).computeIfAbsent(label, l -> new AtomicLong())
                .incrementAndGet();
        if (!answer.ok()) {
            violations.add(kind + " " + url + " -> " + label + " " + answer.body());
        }
        return answer;
    }

    /** {@code GET url} with these headers, not counted: for questions asked outside the fault. */
    Answer get(String url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").isPresent(),
                    parse(response.body()));
        } catch (IOException e) {
            return new Answer(NO_ANSWER, false, JSON.createObjectNode().put("error", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Per kind of read, how many answers of each sort, e.g. {@code {200=310, 503 Retry-After (why)=42}}. */
    Map<String, Map<String, Long>> tallies() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        tallies.forEach((kind, counts) -> {
            Map<String, Long> sorted = new TreeMap<>();
            counts.forEach((label, count) -> sorted.put(label, count.get()));
            copy.put(kind, sorted);
        });
        return copy;
    }

    /** Answers of this kind whose label starts with {@code label}, e.g. every {@code "503 Retry-After"}. */
    long count(String kind, String label) {
        return tallies().getOrDefault(kind, Map.of()).entrySet().stream().filter(e -> e.getKey().startsWith(label))
                .mapToLong(Map.Entry::getValue).sum();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    private static JsonNode parse(String body) {
        try {
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("raw", body);
        }
    }
}
