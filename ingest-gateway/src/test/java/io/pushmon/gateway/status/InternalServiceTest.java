package io.pushmon.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.pushmon.gateway.errors.ApiError;

class InternalServiceTest {

    private HttpServer server;
    private InternalService service;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            byte[] body = "[1,2]".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/echo", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        service = new InternalService("the test service", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                Duration.ofMillis(500), 2, HttpClient.newHttpClient());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void anAnswerIsRelayedAsItCame() {
        var answer = service.get("/ok");

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getEntity()).isEqualTo("[1,2]");
    }

    @Test
    void aJsonBodyIsPostedAndTheAnswerRelayed() {
        var answer = service.post("/echo", "[\"m-1\",\"m-ü\"]");

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getEntity()).isEqualTo("POST application/json [\"m-1\",\"m-ü\"]");
        assertThat(service.post("/broken", "[]").getStatus()).isEqualTo(503);
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsA503NotAWait() {
        long started = System.nanoTime();

        var answer = service.get("/slow");

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void aServerErrorIsA503ThatSaysWhoAndWhatToDo() {
        var answer = service.get("/broken");

        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(((ApiError) answer.getEntity()).error()).contains("the test service", "retry");
    }

    @Test
    void aServiceThatIsNotRunningIsA503() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var down = new InternalService("the test service", "http://127.0.0.1:" + closedPort, Duration.ofMillis(500), 1,
                HttpClient.newHttpClient());

        assertThat(down.get("/anything").getStatus()).isEqualTo(503);
    }
}
