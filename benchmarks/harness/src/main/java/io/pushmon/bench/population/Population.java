package io.pushmon.bench.population;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.common.model.PushStatus;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonApi;

/**
 * Writes a benchmark's population straight into pushmon's topics, in the services' own record format and
 * keying: monitor definitions into {@code monitors} (what the management API writes once a request is valid) and,
 * where a scenario needs every deadline armed at the same moment, one push each into {@code heartbeats}. The API
 * creates a few thousand monitors a second; a million would take the benchmark's whole budget and measure the
 * API instead of what the scenario is about.
 */
public final class Population implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KafkaProducer<byte[], byte[]> producer;
    /** The last monitor written to each partition: once the gateway knows it, it knows all before it. */
    private final Map<Integer, String> lastPerPartition = new ConcurrentHashMap<>();

    public Population(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Defines {@code count} monitors of tenant {@code default} notifying the given channels, with the timeout the
     * function gives for each index, and returns once the broker acknowledged all of them.
     */
    public List<BenchMonitor> define(int count, List<String> channelIds, IntUnaryOperator timeoutSeconds) {
        List<BenchMonitor> monitors = new ArrayList<>(count);
        Instant now = Instant.now();
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            BenchMonitor monitor = new BenchMonitor(UUID.randomUUID().toString(), newToken(),
                    timeoutSeconds.applyAsInt(i));
            MonitorDefinition definition = new MonitorDefinition(monitor.id(), "default", "bench-" + i,
                    monitor.pushToken(), monitor.timeoutSeconds(), 0, false, channelIds, now, now);
            producer.send(Topic.MONITORS.record(monitor.id(), definition), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            // Callbacks of one partition run in send order, so this ends as the partition's last.
                            lastPerPartition.put(metadata.partition(), monitor.id());
                        }
                    });
            monitors.add(monitor);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("defining the population failed", failure.get());
        }
        return monitors;
    }

    /**
     * One push heartbeat for each monitor, written as fast as the producer can batch them, so their broker
     * timestamps (and so the deadlines) fall within about a second. Returns once all are acknowledged.
     */
    public void pushAll(Collection<BenchMonitor> monitors) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (BenchMonitor monitor : monitors) {
            Heartbeat heartbeat = Heartbeat.push(PushStatus.UP, null, null, "127.0.0.1", "pushmon-bench",
                    System.currentTimeMillis());
            producer.send(Topic.HEARTBEATS.record(monitor.id(), heartbeat), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("pushing the population failed", failure.get());
        }
    }

    /**
     * Waits until the gateway answers for the last monitor written to every partition, i.e. until its cache of
     * {@code monitors} holds the whole population.
     */
    public void awaitKnownBy(PushmonApi api, Duration within) {
        awaitLastOfEachPartition(id -> api.monitor(id).status() == 200, within, "the gateway");
    }

    /**
     * Waits until the processor has the last monitor written to every partition in its state (its interactive
     * query answers 200), i.e. until it has read the whole population's definitions. Heartbeats written after
     * this find their monitor defined.
     */
    public void awaitTrackedBy(String processorUrl, Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        awaitLastOfEachPartition(id -> {
            HttpRequest request = HttpRequest.newBuilder(URI.create(processorUrl + "/internal/monitors/" + id
                    + "/state")).timeout(Duration.ofSeconds(5)).build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }, within, "the processor");
    }

    private void awaitLastOfEachPartition(Predicate<String> known, Duration within, String who) {
        long deadline = System.nanoTime() + within.toNanos();
        for (String id : lastPerPartition.values()) {
            while (!known.test(id)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(who + " did not know the whole population after " + within);
                }
                sleep(Duration.ofMillis(200));
            }
        }
    }

    /** The push tokens, one per line, for the load generator (the file stays in the scenario's folder). */
    public static Path writeTokens(Path file, List<BenchMonitor> monitors) throws IOException {
        Files.write(file, monitors.stream().map(BenchMonitor::pushToken).toList());
        return file;
    }

    /** A token of the gateway's shape: 24 random bytes, URL-safe base64, 32 characters. */
    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
