package io.pushmon.dispatcher.channels;

import static io.pushmon.dispatcher.channels.Channels.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pushmon.common.delivery.AttemptResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;

/** How sends to one receiver share connections, and what happens to requests queued on one that goes away. */
class ChannelHttpConnectionsTest {

    private static final Vertx VERTX = Vertx.vertx();

    private final List<ChannelHttp> clients = new ArrayList<>();
    private HttpServer httpServer;
    private NetServer netServer;

    @AfterEach
    void closeServers() throws Exception {
        clients.forEach(ChannelHttp::close);
        if (httpServer != null) {
            httpServer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        if (netServer != null) {
            netServer.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    private ChannelHttp client(String... keyValues) {
        ChannelHttp http = new ChannelHttp(VERTX, Channels.config(keyValues));
        clients.add(http);
        return http;
    }

    private static CompletionStage<SendOutcome> post(ChannelHttp http, int port) {
        return http.postJson("http://127.0.0.1:" + port + "/hook", Map.of("text", "hi"), Map.of(), List.of(), false);
    }

    private static List<SendOutcome> postAll(ChannelHttp http, int port, int count) throws Exception {
        List<CompletableFuture<SendOutcome>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(post(http, port).toCompletableFuture());
        }
        List<SendOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<SendOutcome> send : sends) {
            outcomes.add(await(send));
        }
        return outcomes;
    }

    /** A receiver that answers 200 and counts the connections opened to it. */
    private int countingReceiver(AtomicInteger connections) throws Exception {
        httpServer = VERTX.createHttpServer()
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.end().onSuccess(body -> request.response().end()));
        return httpServer.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                .actualPort();
    }

    /**
     * A raw receiver that waits until {@code requests} requests arrived on one connection, answers the first with
     * 200 and closes the connection, as a server shutting down or recycling its connections does.
     */
    private int receiverThatAnswersOneOf(int requests) throws Exception {
        netServer = VERTX.createNetServer().connectHandler(socket -> {
            Buffer received = Buffer.buffer();
            socket.handler(chunk -> {
                received.appendBuffer(chunk);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                if (text.split("POST /hook", -1).length - 1 == requests && text.endsWith("}")) {
                    socket.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").onComplete(written -> socket.close());
                }
            });
        });
        return netServer.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                .actualPort();
    }

    /** A raw receiver that reads requests and never answers; counts what reached it, and on how many connections. */
    private int silentReceiver(AtomicInteger connections, AtomicInteger requests) throws Exception {
        netServer = VERTX.createNetServer().connectHandler(socket -> {
            connections.incrementAndGet();
            socket.handler(chunk -> requests.addAndGet(
                    chunk.toString(StandardCharsets.ISO_8859_1).split("POST /hook", -1).length - 1));
        });
        return netServer.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS)
                .actualPort();
    }

    @Test
    void connectionsToOneHostAreReused() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        int port = countingReceiver(connections);
        ChannelHttp http = client("pushmon.channels.max-connections-per-host", "4");

        assertThat(postAll(http, port, 40)).containsOnly(SendOutcome.delivered(200));
        int opened = connections.get();
        assertThat(postAll(http, port, 40)).containsOnly(SendOutcome.delivered(200));

        assertThat(opened).isBetween(1, 4);
        assertThat(connections.get()).isEqualTo(opened);
    }

    @Test
    void aPipelinedRequestOnAClosedConnectionIsRetryable() throws Exception {
        int port = receiverThatAnswersOneOf(2);
        ChannelHttp http = client("pushmon.channels.max-connections-per-host", "1",
                "pushmon.channels.pipelining-limit", "2");

        List<SendOutcome> outcomes = postAll(http, port, 2);

        assertThat(outcomes).extracting(SendOutcome::kind)
                .containsExactlyInAnyOrder(AttemptResult.DELIVERED, AttemptResult.RETRYABLE);
        assertThat(outcomes).filteredOn(outcome -> outcome.kind() == AttemptResult.RETRYABLE)
                .extracting(SendOutcome::error).allMatch(error -> error.startsWith("request to 127.0.0.1 failed"));
    }

    @Test
    void theRequestsPipelinedBehindOneThatTimesOutAreRetryable() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        AtomicInteger requests = new AtomicInteger();
        int port = silentReceiver(connections, requests);
        ChannelHttp http = client("pushmon.channels.max-connections-per-host", "1",
                "pushmon.channels.pipelining-limit", "3", "pushmon.channels.request-timeout", "300ms");

        List<SendOutcome> outcomes = postAll(http, port, 3);

        assertThat(outcomes).extracting(SendOutcome::kind).containsOnly(AttemptResult.RETRYABLE);
        assertThat(requests.get()).isEqualTo(3);
        assertThat(connections.get()).isEqualTo(1);
    }
}
