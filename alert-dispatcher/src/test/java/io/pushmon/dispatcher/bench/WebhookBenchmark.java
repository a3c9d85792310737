package io.pushmon.dispatcher.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.pushmon.common.delivery.AttemptResult;
import io.pushmon.common.model.ChannelDefinition;
import io.pushmon.common.model.EventReason;
import io.pushmon.common.model.MonitorEvent;
import io.pushmon.common.model.MonitorStatus;
import io.pushmon.dispatcher.channels.ChannelHttp;
import io.pushmon.dispatcher.channels.ChannelsConfig;
import io.pushmon.dispatcher.channels.Notification;
import io.pushmon.dispatcher.channels.WebhookSender;
import io.pushmon.dispatcher.delivery.SendLimiter;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;

/**
 * Webhook notifications per second from one dispatcher to one receiver host, not a test: a main that prints a
 * table. Each variant gets its own Vert.x instance and {@link ChannelHttp} configured with the variant's
 * {@code pushmon.channels.*} properties, and pushes {@code --warmup} then {@code --notifications} signed
 * webhooks through {@link WebhookSender}, at most {@code --concurrency} in flight through a {@link SendLimiter}
 * (the engine's {@code send.max-in-flight}), to {@link BenchReceiver} in its own JVM on loopback, addressed as
 * {@code localhost} so the host is resolved and guarded as a tenant's would be.
 *
 * <p>Sender CPU is the whole sending JVM (event loops, Vert.x workers, GC, JIT, the submitting thread) over the
 * measured run, split by thread where the threads outlive it; the receiver's is its process's. From the
 * repository root:
 *
 * <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
 *     -pl pushmon-common,local-kafka,alert-dispatcher
 * java -cp alert-dispatcher/target/test-classes:alert-dispatcher/target/classes:$(cat alert-dispatcher/target/bench.classpath) \
 *     io.pushmon.dispatcher.bench.WebhookBenchmark [--notifications 15000] [--warmup 5000] [--jit-warmup 30000] \
 *     [--concurrency 64] [--rounds 2] [--receiver-delay-ms 0] [--variant 'name:property=value,property=value' ...]
 * </pre>
 */
public final class WebhookBenchmark {

    private static final List<String> DEFAULT_VARIANTS = List.of(
            "as-is:resolve-cache-ttl=0s,max-connections-per-host=20,pipelining-limit=1",
            "cached:resolve-cache-ttl=30s,max-connections-per-host=20,pipelining-limit=1",
            "defaults:resolve-cache-ttl=30s,max-connections-per-host=64,pipelining-limit=1",
            "pipelined:resolve-cache-ttl=30s,max-connections-per-host=20,pipelining-limit=4");

    /** Its one connection to the receiver stays open, so it is not counted among a variant's connections. */
    private static final HttpClient STATS = HttpClient.newHttpClient();

    private WebhookBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int notifications = 15_000;
        int warmup = 5_000;
        int jitWarmup = 30_000;
        int concurrency = 64;
        int rounds = 2;
        int receiverDelayMillis = 0;
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--notifications" -> notifications = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--jit-warmup" -> jitWarmup = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--receiver-delay-ms" -> receiverDelayMillis = Integer.parseInt(value);
                case "--variant" -> variants.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (variants.isEmpty()) {
            variants.addAll(DEFAULT_VARIANTS);
        }
        Process receiver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BenchReceiver.class.getName(),
                Integer.toString(receiverDelayMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            int port = Integer.parseInt(new BufferedReader(
                    new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8)).readLine().strip());
            System.out.printf(Locale.ROOT, "%d notifications (after %d of warm-up; %d before the first to warm up "
                    + "the JIT of both JVMs) to one host answering after %d ms, %d in flight, %d cores, %d rounds%n",
                    notifications, warmup, jitWarmup, receiverDelayMillis, concurrency,
                    Runtime.getRuntime().availableProcessors(), rounds);
            System.out.println("CPU in µs per notification; sender split: event loops/Vert.x workers/other "
                    + "threads/JVM (GC, JIT); kernel: of that, in the kernel; conns: opened by the variant, warm-up "
                    + "included");
            System.out.printf(Locale.ROOT, "%-12s %8s %7s %7s %8s %16s %7s %9s %7s %6s %6s  %s%n", "variant",
                    "notif/s", "p50 ms", "p99 ms", "sender", "split", "kernel", "receiver", "kernel", "conns",
                    "errors", "properties");
            for (String variant : variants) {
                run(variant, port, receiver, jitWarmup / variants.size(), 0, concurrency);
            }
            // Later rounds show how much of a difference is noise: the machine is shared and JIT settles slowly.
            for (int round = 1; round <= rounds; round++) {
                for (String variant : variants) {
                    Result result = run(variant, port, receiver, notifications, warmup, concurrency);
                    System.out.println(result.row());
                }
            }
        } finally {
            receiver.getOutputStream().close();
            receiver.waitFor(10, TimeUnit.SECONDS);
            receiver.destroy();
        }
    }

    private static Result run(String variant, int port, Process receiver, int notifications, int warmup,
            int concurrency) throws Exception {
        int colon = variant.indexOf(':');
        String name = colon < 0 ? variant : variant.substring(0, colon);
        Map<String, String> properties = new LinkedHashMap<>();
        if (colon >= 0 && colon < variant.length() - 1) {
            for (String pair : variant.substring(colon + 1).split(",")) {
                String[] kv = pair.split("=", 2);
                properties.put(kv[0].strip(), kv[1].strip());
            }
        }
        Vertx vertx = Vertx.vertx();
        ChannelHttp http = new ChannelHttp(vertx, config(properties));
        try {
            WebhookSender sender = new WebhookSender(http);
            ChannelDefinition channel = new ChannelDefinition("ch-bench", "tenant-1", "bench", "webhook",
                    Map.of("url", "http://localhost:" + port + "/hook/K3Y"), "bench-secret", Instant.EPOCH,
                    Instant.EPOCH);
            SendLimiter limiter = new SendLimiter(concurrency);
            long[] receiverBefore = receiverStats(port);
            send(sender, channel, limiter, warmup);
            Duration receiverCpuBefore = receiver.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
            long[] kernelBefore = {systemTicks(ProcessHandle.current().pid()), systemTicks(receiver.pid())};
            CpuSnapshot before = CpuSnapshot.take();
            long start = System.nanoTime();
            Sent sent = send(sender, channel, limiter, notifications);
            long elapsed = System.nanoTime() - start;
            CpuSnapshot after = CpuSnapshot.take();
            long[] kernel = {systemTicks(ProcessHandle.current().pid()) - kernelBefore[0],
                    systemTicks(receiver.pid()) - kernelBefore[1]};
            Duration receiverCpu = receiver.toHandle().info().totalCpuDuration().orElse(Duration.ZERO)
                    .minus(receiverCpuBefore);
            long[] receiverAfter = receiverStats(port);
            return new Result(name, properties, notifications, elapsed, sent, before, after, kernel,
                    receiverCpu.toNanos(), receiverAfter[0] - receiverBefore[0]);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Sent send(WebhookSender sender, ChannelDefinition channel, SendLimiter limiter, int count)
            throws InterruptedException {
        long[] latencies = new long[count];
        Map<AttemptResult, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            int n = i;
            Notification notification = notification(n);
            limiter.submit(() -> {
                long sentAt = System.nanoTime();
                return sender.send(notification, channel).thenApply(outcome -> {
                    latencies[n] = System.nanoTime() - sentAt;
                    outcomes.merge(outcome.kind(), 1, Integer::sum);
                    if (outcome.error() != null) {
                        firstError.compareAndSet(null, outcome.error());
                    }
                    return outcome;
                });
            }).whenComplete((outcome, error) -> done.countDown());
        }
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("sends did not finish within 5 minutes");
        }
        return new Sent(latencies, outcomes, firstError.get());
    }

    private static Notification notification(int n) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(n);
        MonitorEvent event = new MonitorEvent("evt-" + n, "mon-" + n, "tenant-1", "backup-" + n, MonitorStatus.UP,
                MonitorStatus.DOWN, EventReason.TIMEOUT, at, 1, null, at.minusSeconds(300), "exit 1", 1.0,
                List.of("ch-bench"));
        return new Notification(event, "mon-" + n + ":1:down:ch-bench", 1, false);
    }

    private static ChannelsConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("pushmon.channels.allow-loopback", "true");
        overrides.forEach((key, value) -> properties.put("pushmon.channels." + key, value));
        return new SmallRyeConfigBuilder()
                .withMapping(ChannelsConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "bench", 500))
                .build()
                .getConfigMapping(ChannelsConfig.class);
    }

    private static long[] receiverStats(int port) throws Exception {
        String body = STATS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Arrays.stream(body.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    /**
     * Kernel CPU of a process in clock ticks (10 ms on Linux), from {@code /proc/<pid>/stat}; on loopback much of
     * the TCP work of both ends is done in the kernel of whichever process writes.
     */
    private static long systemTicks(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[12]);
    }

    private record Sent(long[] latencies, Map<AttemptResult, Integer> outcomes, String firstError) {
    }

    /** CPU of this process and of each live thread, grouped by what the thread does. */
    private record CpuSnapshot(long process, Map<Long, Long> threads, Map<Long, String> names) {

        static CpuSnapshot take() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<Long, Long> threads = new HashMap<>();
            Map<Long, String> names = new HashMap<>();
            for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info != null) {
                    long cpu = mx.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        threads.put(info.getThreadId(), cpu);
                        names.put(info.getThreadId(), info.getThreadName());
                    }
                }
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new CpuSnapshot(os.getProcessCpuTime(), threads, names);
        }

        /** Nanoseconds spent since {@code before} by event loops, Vert.x workers, and other surviving threads. */
        long[] byGroupSince(CpuSnapshot before) {
            long[] groups = new long[3];
            threads.forEach((id, cpu) -> {
                String name = names.get(id);
                int group = name.startsWith("vert.x-eventloop") ? 0 : name.startsWith("vert.x-worker") ? 1 : 2;
                groups[group] += cpu - before.threads.getOrDefault(id, 0L);
            });
            return groups;
        }
    }

    private record Result(String name, Map<String, String> properties, int notifications, long elapsedNanos,
            Sent sent, CpuSnapshot before, CpuSnapshot after, long[] kernelTicks, long receiverCpuNanos,
            long connections) {

        String row() {
            long[] sorted = sent.latencies().clone();
            Arrays.sort(sorted);
            double perNotification = 1_000.0 * notifications;
            long[] groups = after.byGroupSince(before);
            long process = after.process() - before.process();
            long delivered = sent.outcomes().getOrDefault(AttemptResult.DELIVERED, 0);
            String split = String.format(Locale.ROOT, "%.0f/%.0f/%.0f/%.0f", groups[0] / perNotification,
                    groups[1] / perNotification, groups[2] / perNotification,
                    (process - groups[0] - groups[1] - groups[2]) / perNotification);
            String row = String.format(Locale.ROOT, "%-12s %8.0f %7.2f %7.2f %8.0f %16s %7.0f %9.0f %7.0f %6d %6d  %s",
                    name, notifications / (elapsedNanos / 1e9), sorted[sorted.length / 2] / 1e6,
                    sorted[(int) (sorted.length * 0.99)] / 1e6, process / perNotification, split,
                    kernelTicks[0] * 10_000_000.0 / perNotification, receiverCpuNanos / perNotification,
                    kernelTicks[1] * 10_000_000.0 / perNotification, connections, notifications - delivered,
                    properties);
            return sent.firstError() == null ? row : row + System.lineSeparator() + "  first error: " + sent.firstError();
        }
    }
}
