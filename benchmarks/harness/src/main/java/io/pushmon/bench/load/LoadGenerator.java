package io.pushmon.bench.load;

import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.bench.metrics.ProcessCpu;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generator, run as its own process so it never shares a JVM (heap, GC pauses, JIT) with what it
 * measures. A closed loop: each connection has one request in flight and sends the next when the answer is in,
 * so throughput is what the server sustains at that concurrency and latency is what each caller saw. Vert.x,
 * because a non-blocking client drives hundreds of connections from one thread per core; the JDK's HttpClient
 * would need a thread per in-flight request or give up control of the connection count.
 *
 * <p>Prints one JSON {@link LoadResult} on stdout and exits.
 */
public final class LoadGenerator {

    private static final long REQUEST_TIMEOUT_MS = 10_000;

    private final LoadSpec spec;
    private final List<String> tokens;
    private final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong next = new AtomicLong();
    private Vertx vertx;
    private volatile boolean recording;
    private volatile boolean stopping;
    /** Pacing starts here: request n is not sent before firstAt + n / perSecond. */
    private final long firstAt = System.nanoTime();

    private LoadGenerator(LoadSpec spec, List<String> tokens) {
        this.spec = spec;
        this.tokens = tokens;
    }

    public static void main(String[] args) throws Exception {
        LoadSpec spec = LoadSpec.parse(args);
        List<String> tokens = Files.readAllLines(spec.tokens()).stream().filter(t -> !t.isBlank()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("no tokens in " + spec.tokens());
        }
        LoadResult result = new LoadGenerator(spec, tokens).run();
        System.out.println(new ObjectMapper().writeValueAsString(result));
        System.exit(0);
    }

    private LoadResult run() throws InterruptedException {
        long cpuStart = ProcessCpu.ownNanos();
        int loops = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), spec.connections()));
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
        URI base = URI.create(spec.baseUrl());
        CountDownLatch finished = new CountDownLatch(spec.connections());
        for (int loop = 0; loop < loops; loop++) {
            // One client per event loop, its share of the connections, and every request issued on its context,
            // so the loops split the work instead of all connections landing on one.
            int share = spec.connections() / loops + (loop < spec.connections() % loops ? 1 : 0);
            Context context = vertx.getOrCreateContext();
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setPipelining(false).setConnectTimeout(5_000), new PoolOptions().setHttp1MaxSize(share));
            for (int c = 0; c < share; c++) {
                context.runOnContext(v -> send(client, base, finished));
            }
        }
        long measuredNanos;
        if (spec.once()) {
            recording = true;
            long start = System.nanoTime();
            finished.await();
            measuredNanos = System.nanoTime() - start;
        } else {
            Thread.sleep(spec.warmup().toMillis());
            recording = true;
            long start = System.nanoTime();
            Thread.sleep(spec.duration().toMillis());
            recording = false;
            measuredNanos = System.nanoTime() - start;
            stopping = true;
            finished.await(REQUEST_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(Integer.toString(status), count.sum()));
        return new LoadResult(latency.getTotalCount(), measuredNanos / 1e9, latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(90), latency.getValueAtPercentile(99), latency.getValueAtPercentile(99.9),
                latency.getMaxValue(), byStatus, errors.sum(), firstError.get(), answered.sum(),
                (ProcessCpu.ownNanos() - cpuStart) / 1_000);
    }

    /** Sends one request and, when its answer is in, the next on the same connection slot, until told to stop. */
    private void send(HttpClient client, URI base, CountDownLatch finished) {
        long index = next.getAndIncrement();
        if (stopping || (spec.once() && index >= tokens.size())) {
            finished.countDown();
            return;
        }
        if (spec.perSecond() > 0) {
            long waitMillis = (firstAt + index * 1_000_000_000L / spec.perSecond() - System.nanoTime()) / 1_000_000;
            if (waitMillis > 0) {
                vertx.setTimer(waitMillis, id -> sendNow(client, base, finished, index));
                return;
            }
        }
        sendNow(client, base, finished, index);
    }

    private void sendNow(HttpClient client, URI base, CountDownLatch finished, long index) {
        String token = tokens.get((int) (index % tokens.size()));
        boolean recorded = recording;
        long start = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(base.getHost())
                .setPort(base.getPort()).setURI("/api/push/" + token).setTimeout(REQUEST_TIMEOUT_MS);
        client.request(request)
                .compose(req -> req.send())
                .compose(response -> response.body().map(body -> response.statusCode()))
                .onComplete(answer -> {
                    long micros = (System.nanoTime() - start) / 1_000;
                    if (answer.succeeded()) {
                        answered.increment();
                    }
                    if (recorded && recording || spec.once()) {
                        if (answer.succeeded()) {
                            latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                            statuses.computeIfAbsent(answer.result(), s -> new LongAdder()).increment();
                        } else {
                            errors.increment();
                            firstError.compareAndSet(null, String.valueOf(answer.cause()));
                        }
                    }
                    send(client, base, finished);
                });
    }
}
