package io.pushmon.system.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, scenario 8: thousands of malformed pushes and API calls (oversized, binary, wrong types, unknown tokens,
 * path tricks) from concurrent clients, interleaved with valid pushes. Every malformed one is a 4xx, none a 5xx;
 * every valid push is a 200 and on the topic; no service dies or restarts.
 */
class BadInputIT extends FaultScenario {

    private static final int CLIENTS = 4;
    private static final int ROUNDS_PER_CLIENT = 60;
    /** Counted for a request whose connection was closed without any HTTP answer. */
    private static final int NO_ANSWER = 0;

    /**
     * One kind of bad request, built against the gateway's base URL, the API key and a real push token. An
     * oversized one is answered (413, 414) and its connection closed by the server, so it is sent on connections of
     * its own: a pooled connection the server is closing would otherwise fail the next request that picks it.
     */
    private record BadRequest(String name, Function<Target, HttpRequest.Builder> request, boolean oversized) {

        BadRequest(String name, Function<Target, HttpRequest.Builder> request) {
            this(name, request, false);
        }
    }

    private record Target(String base, String apiKey, String token) {
    }

    /** HTTP/1.1 as curl and cron jobs speak it (an h2c upgrade would turn an oversized request into a GOAWAY). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpClient oversizedHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void malformedPushesAndApiCallsUnderLoadAreAll4xxWhileEveryValidPushIsKeptAndNoServiceRestarts()
            throws Exception {
        Ledger ledger = new Ledger("8 bad input under load");
        Monitor monitor = rig.monitor("under-attack", 300);
        Target target = new Target(rig.system.gatewayUrl(), rig.system.apiKey(), monitor.pushToken());
        List<BadRequest> bad = badRequests();
        Set<String> oversized = bad.stream().filter(BadRequest::oversized).map(BadRequest::name)
                .collect(Collectors.toSet());
        Map<Component, Long> pids = new EnumMap<>(Component.class);
        List.of(Component.GATEWAY, Component.PROCESSOR, Component.DISPATCHER)
                .forEach(s -> pids.put(s, rig.system.process(s).pid()));
        Map<String, Map<Integer, Integer>> answers = new ConcurrentHashMap<>();
        List<String> acked;
        long validRejected;
        try (Pusher pusher = new Pusher(rig.api, Duration.ofHours(1))) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                results.add(clients.submit(() -> {
                    long rejected = 0;
                    for (int round = 0; round < ROUNDS_PER_CLIENT; round++) {
                        for (BadRequest request : bad) {
                            int status = send(request.oversized() ? oversizedHttp : http,
                                    request.request().apply(target));
                            answers.computeIfAbsent(request.name(), n -> new ConcurrentHashMap<>())
                                    .merge(status, 1, Integer::sum);
                        }
                        if (!pusher.pushOnce(monitor)) {
                            rejected++;
                        }
                    }
                    return rejected;
                }));
            }
            clients.shutdown();
            long rejected = 0;
            for (Future<Long> result : results) {
                rejected += result.get();
            }
            validRejected = rejected;
            acked = pusher.acked();
        }
        ledger.heartbeats(acked, rig.heartbeats()).events(Set.of(), Set.of(monitor.id()), rig.committedEvents())
                .print();
        int malformed = answers.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        System.out.printf("%d malformed requests, answers per kind: %s%n", malformed, new TreeMap<>(answers));

        assertThat(malformed).isGreaterThanOrEqualTo(2000);
        answers.forEach((name, statuses) -> assertThat(statuses.keySet()).as(name).allSatisfy(status -> {
            if (oversized.contains(name) && status == NO_ANSWER) {
                // Vert.x answers 413/414 as soon as it sees the size and closes the connection; a client still
                // writing the request may see the reset before the answer. Never a 5xx, never a 2xx.
                return;
            }
            assertThat(status).isBetween(400, 499);
        }));
        assertThat(validRejected).as("valid pushes not answered 200").isZero();
        assertThat(ledger.pushesAcked()).isEqualTo(CLIENTS * ROUNDS_PER_CLIENT);
        assertThat(ledger.lostPushes()).isZero();
        assertThat(ledger.duplicatedPushes()).isZero();
        pids.forEach((service, pid) -> {
            assertThat(rig.system.process(service).isAlive()).as(service + " alive").isTrue();
            assertThat(rig.system.process(service).pid()).as(service + " not restarted").isEqualTo(pid);
            assertThat(rig.system.isReady(service)).as(service + " ready").isTrue();
        });
    }

    private static List<BadRequest> badRequests() {
        String unknownToken = "A".repeat(32);
        String longMsg = "x".repeat(1001);
        byte[] binary = new byte[4096];
        new Random(7).nextBytes(binary);
        return List.of(
                new BadRequest("push: token of the wrong shape", t -> push(t.base() + "/api/push/short")),
                new BadRequest("push: unknown token", t -> push(t.base() + "/api/push/" + unknownToken)),
                new BadRequest("push: status=maybe", t -> push(t.base() + "/api/push/" + t.token() + "?status=maybe")),
                new BadRequest("push: value=NaN", t -> push(t.base() + "/api/push/" + t.token() + "?value=NaN")),
                new BadRequest("push: value=abc", t -> push(t.base() + "/api/push/" + t.token() + "?ping=abc")),
                new BadRequest("push: msg over 1000 characters",
                        t -> push(t.base() + "/api/push/" + t.token() + "?msg=" + longMsg)),
                new BadRequest("push: query string of 20 kB",
                        t -> push(t.base() + "/api/push/" + t.token() + "?msg=" + "y".repeat(20_000)), true),
                new BadRequest("push: bad UTF-8 in a form", t -> HttpRequest.newBuilder(
                        URI.create(t.base() + "/api/push/" + t.token()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofString("msg=%C3%28"))),
                new BadRequest("push: binary form body", t -> HttpRequest.newBuilder(
                        URI.create(t.base() + "/api/push/" + t.token() + "?status=bogus"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(BodyPublishers.ofByteArray(binary))),
                new BadRequest("push: path traversal", t -> push(t.base() + "/api/push/..%2F..%2Fmonitors")),
                new BadRequest("push: dot segments to the API", t -> push(t.base() + "/api/push/%2e%2e/monitors")),
                new BadRequest("api: no key", t -> HttpRequest.newBuilder(URI.create(t.base() + "/api/monitors"))
                        .GET()),
                new BadRequest("api: malformed JSON", t -> json(t, "{\"name\": \"x\", \"timeoutSeconds\": ")),
                new BadRequest("api: wrong types", t -> json(t, "{\"name\": 7, \"timeoutSeconds\": \"soon\"}")),
                new BadRequest("api: unknown field", t -> json(t, "{\"name\":\"x\",\"timeoutSeconds\":5,\"x\":1}")),
                new BadRequest("api: name of 200 kB", t -> json(t, "{\"name\":\"" + "n".repeat(200_000)
                        + "\",\"timeoutSeconds\":5}"), true),
                new BadRequest("api: binary body", t -> HttpRequest.newBuilder(URI.create(t.base() + "/api/monitors"))
                        .header("Authorization", "Bearer " + t.apiKey()).header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofByteArray(binary))),
                new BadRequest("api: unknown monitor", t -> HttpRequest.newBuilder(
                        URI.create(t.base() + "/api/monitors/no-such-monitor"))
                        .header("Authorization", "Bearer " + t.apiKey()).GET()));
    }

    private static HttpRequest.Builder push(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).POST(BodyPublishers.noBody());
    }

    private static HttpRequest.Builder json(Target target, String body) {
        return HttpRequest.newBuilder(URI.create(target.base() + "/api/monitors"))
                .header("Authorization", "Bearer " + target.apiKey()).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /**
     * Sends once and, like most HTTP clients, once more if the pooled connection turned out to be closed: after a
     * 413 or 414 the server closes the connection, and another thread may already have picked it for its request.
     */
    private static int send(HttpClient http, HttpRequest.Builder request) {
        HttpRequest built = request.timeout(Duration.ofSeconds(15)).build();
        try {
            try {
                return http.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException staleConnection) {
                return http.send(built, HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
