package io.pushmon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.system.PushmonApi.Monitor;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Tenants on the packaged services, with two gateways as a balancer spreads them: one plan rate enforced by both
 * together, a suspended tenant that raises no alert, and a deleted tenant of which no topic or store keeps a trace.
 */
class TenancyEndToEndIT {

    private static final String OPERATOR_KEY = "system-test-operator-key-0123456789";
    private static final int PLAN_RATE = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static PushmonSystem system;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        receiver = WebhookReceiver.start();
        system = PushmonSystem.builder().instances(Component.GATEWAY, 2)
                .setting(Component.GATEWAY, "pushmon.tenancy.gateways", "2")
                .setting(Component.GATEWAY, "pushmon.tenancy.operator-key", OPERATOR_KEY)
                .setting(Component.GATEWAY, "pushmon.plans.metered.tenant-pushes-per-second",
                        Integer.toString(PLAN_RATE))
                .setting(Component.GATEWAY, "pushmon.plans.metered.monitor-pushes-per-minute", "2147483647")
                .start();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void twoGatewaysTogetherAcceptThePlansRateWithinTwentyPercent() throws InterruptedException {
        PushmonApi tenant = newTenant(0, "metered").api();
        String token = tenant.createMonitor("flooded", 300, List.of()).pushToken();
        ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Integer> refused = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(12);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            int first = client;
            clients.submit(() -> {
                // Round robin over the two gateways, as a balancer without affinity spreads requests.
                for (int i = first; System.nanoTime() < end; i++) {
                    int status = post(system.url(Component.GATEWAY, i % 2) + "/api/push/" + token, null).statusCode();
                    if (status == 200) {
                        accepted.add(System.nanoTime() - start);
                    } else {
                        refused.add(status);
                    }
                }
                return null;
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        // After the first seconds' bursts, what the two accept together is the plan's rate.
        long from = TimeUnit.SECONDS.toNanos(3);
        long inWindow = accepted.stream().filter(at -> at >= from).count();
        double rate = inWindow / 9.0;
        System.out.printf("two gateways, plan %d/s: accepted %.1f/s over seconds 3-12 (%d accepted, %d refused in all)%n",
                PLAN_RATE, rate, accepted.size(), refused.size());
        assertThat(rate).isBetween(PLAN_RATE * 0.8, PLAN_RATE * 1.2);
        assertThat(Set.copyOf(refused)).containsOnly(429);
    }

    @Test
    void aPlansMonitorCountHoldsOverBothGateways() {
        Tenant tenant = newTenant(0, null);
        PushmonApi[] through = {tenant.api(), new PushmonApi(system.url(Component.GATEWAY, 1),
                tenant.key())};
        for (int i = 0; i < 20; i++) {
            Monitor created = through[i % 2].createMonitor("counted-" + i, 300, List.of());
            PushmonApi other = through[(i + 1) % 2];
            // Each create is seen by the other gateway before the next: the limit, not the cache lag, is tested.
            await().atMost(Duration.ofSeconds(10)).until(() -> other.monitor(created.id()).status() == 200);
        }
        for (PushmonApi gateway : through) {
            assertThat(gateway.createMonitorAnswer("one-too-many", 300).status()).isEqualTo(403);
        }
        assertThat(through[1].monitors().body().size()).isEqualTo(20);
    }

    @Test
    void aSuspendedTenantRaisesNoAlertAndADeletedOneLeavesNoStateBehind() throws Exception {
        Tenant created = newTenant(0, null);
        PushmonApi tenant = created.api();
        String tenantId = created.id();
        String path = "/tenancy-" + tenantId;
        String channelId = tenant.createWebhookChannel("hook", receiver.url(path)).id();
        Monitor monitor = tenant.createMonitor("suspended-job", 2, List.of(channelId));
        tenant.push(monitor.pushToken(), "msg=hello");
        await().atMost(Duration.ofSeconds(10)).until(() -> tenant.heartbeats(monitor.id()).body().size() == 1);

        operator(1, "POST", "/operator/tenants/" + tenantId + "/suspend");
        Thread.sleep(6_000);
        assertThat(receiver.count(path)).as("no alert while suspended, 3 timeouts later").isZero();
        for (int gateway = 0; gateway < 2; gateway++) {
            assertThat(post(system.url(Component.GATEWAY, gateway) + "/api/push/" + monitor.pushToken(), null)
                    .statusCode()).isEqualTo(403);
        }

        operator(0, "POST", "/operator/tenants/" + tenantId + "/resume");
        await().atMost(Duration.ofSeconds(15)).until(() -> receiver.count(path) >= 1);
        JsonNode down = JSON.readTree(receiver.deliveries(path).get(0).body());
        assertThat(down.path("reason").asText()).as("armed again from the resume on").isEqualTo("timeout");
        assertThat(down.path("monitorId").asText()).isEqualTo(monitor.id());

        JsonNode purge = operator(1, "DELETE", "/operator/tenants/" + tenantId);
        assertThat(purge.path("monitors").asInt()).isEqualTo(1);
        assertThat(purge.path("channels").asInt()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(HTTP.send(HttpRequest.newBuilder(
                URI.create(system.serviceUrl(Component.PROCESSOR) + "/internal/monitors/" + monitor.id() + "/state"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404));
        Map<String, Map<String, byte[]>> latest = latestValues(topicsToRead());
        for (var topic : latest.entrySet()) {
            for (var record : topic.getValue().entrySet()) {
                boolean owned = record.getKey().startsWith(monitor.id()) || record.getKey().equals(channelId)
                        || record.getKey().equals(tenantId);
                if (owned) {
                    assertThat(record.getValue()).as(topic.getKey() + " " + record.getKey()).isNull();
                }
            }
        }
        assertThat(latest.get("monitors")).containsKey(monitor.id());
        assertThat(latest.keySet()).as("the processor's changelogs were read too")
                .anyMatch(name -> name.endsWith("-changelog"));
        assertThat(post(system.url(Component.GATEWAY, 0) + "/api/push/" + monitor.pushToken(), null).statusCode())
                .isEqualTo(404);
    }

    /** A tenant as its owner holds it: its id, its first key and an API client on the gateway it was made on. */
    private record Tenant(String id, String key, PushmonApi api) {
    }



    private static Tenant newTenant(int gateway, String plan) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "tenant-" + System.nanoTime());
        if (plan != null) {
            body.put("plan", plan);
        }
        JsonNode created = operator(gateway, "POST", "/operator/tenants", body);
        String key = created.path("apiKey").path("key").asText();
        return new Tenant(created.path("id").asText(), key, new PushmonApi(system.url(Component.GATEWAY, gateway), key));
    }

    private static JsonNode operator(int gateway, String method, String path) {
        return operator(gateway, method, path, null);
    }

    private static JsonNode operator(int gateway, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(Component.GATEWAY, gateway)
                    + path)).header("Authorization", "Bearer " + OPERATOR_KEY).timeout(Duration.ofSeconds(30));
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isBetween(200, 201);
            return JSON.readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> post(String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** pushmon's compacted topics and every changelog of the processor's stores. */
    private static List<String> topicsToRead() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", system.kafkaBootstrap()))) {
            List<String> topics = new ArrayList<>(List.of("monitors", "channels", "tenants"));
            admin.listTopics().names().get().stream().filter(name -> name.endsWith("-changelog")).forEach(topics::add);
            return topics;
        }
    }

    /** The latest value per key of each topic (null for a tombstone), keys as UTF-8 text. */
    private static Map<String, Map<String, byte[]>> latestValues(List<String> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrap());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Map<String, byte[]>> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> consumer.partitionsFor(topic).forEach(p ->
                    partitions.add(new TopicPartition(topic, p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
                    latest.computeIfAbsent(record.topic(), t -> new HashMap<>()).put(key, record.value());
                }
            }
        }
        return latest;
    }
}
