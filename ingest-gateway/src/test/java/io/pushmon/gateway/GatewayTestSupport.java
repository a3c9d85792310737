package io.pushmon.gateway;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.topics.Topic;
import io.pushmon.kafka.testing.SharedKafka;
import io.pushmon.kafka.testing.TopicClient;
import io.pushmon.kafka.testing.TopicClient.Tail;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Shared helpers of the gateway's @QuarkusTests. */
public final class GatewayTestSupport {

    /** The key application.properties gives tenant "default" in the test profile. */
    public static final String DEFAULT_KEY = "test-default-tenant-key-0123456789";

    private static TopicClient topics;

    private GatewayTestSupport() {
    }

    public static RequestSpecification api(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** Creates a monitor for the key's tenant and returns the 201 body. */
    public static JsonPath createMonitor(String key, String name) {
        return api(key).body(Map.of("name", name, "timeoutSeconds", 60)).post("/api/monitors")
                .then().statusCode(201).extract().jsonPath();
    }

    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An HTTP answer read off the wire. */
    public record RawAnswer(int status, String body) {
    }

    /**
     * Sends a request exactly as given, bytes and all: HTTP clients refuse to send malformed percent escapes,
     * which is precisely what the push endpoint must answer with a 400.
     */
    public static RawAnswer rawRequest(int port, String method, String target, String formBody) {
        byte[] body = formBody == null ? new byte[0] : formBody.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (formBody != null) {
            head.append("Content-Type: application/x-www-form-urlencoded\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new RawAnswer(status, bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A reader of the partition of {@code heartbeats} that holds a monitor's pushes, from its current end on. */
    public static Tail<String, Heartbeat> heartbeatsOf(String monitorId) {
        return topics().tail(Topic.HEARTBEATS, TopicClient.partitionOf(monitorId, SharedKafka.TEST_PARTITIONS),
                TopicClient.Isolation.UNCOMMITTED);
    }

    /** The typed client of the shared test broker, made on first use. */
    public static synchronized TopicClient topics() {
        if (topics == null) {
            topics = TopicClient.shared();
        }
        return topics;
    }
}
