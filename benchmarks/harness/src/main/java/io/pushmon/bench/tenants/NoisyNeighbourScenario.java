package io.pushmon.bench.tenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.load.LoadProcess;
import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.load.LoadSpec;
import io.pushmon.bench.load.TimedLoad;
import io.pushmon.bench.load.WrkLoad;
import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 7: does one tenant's flood reach another tenant? A steady tenant pushes over its monitors while, in
 * alternate rounds, a second tenant floods far past its plan's rate (most of its pushes answered 429). The steady
 * tenant's p99 with the flood is compared with its p99 without, round by round in one run, so a noisy machine hits
 * both alike.
 */
public final class NoisyNeighbourScenario implements Scenario {

    private static final String OPERATOR_KEY = "bench-operator-key-0123456789abcdef";
    private static final int STEADY_CONNECTIONS = 16;
    /**
     * Floods by their requests per second over 8 connections, 0 for as fast as 64 connections get answers: a job
     * looping without a pause (10 times the plan), and a flood that takes all the CPU this machine gives it.
     */
    private static final List<Integer> FLOODS = List.of(1_000, 0);
    private static final int PACED_FLOOD_CONNECTIONS = 8;
    private static final int UNPACED_FLOOD_CONNECTIONS = 64;
    private static final int FLOOD_PLAN_RATE = 100;
    private static final int FLOOD_MONITORS = 10;
    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "tenants";
    }

    @Override
    public String title() {
        return "Tenant isolation: a steady tenant's push p99 while another tenant floods past its plan";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int monitors = context.smoke() ? 100 : 1_000;
        Duration warmup = context.duration(Duration.ofSeconds(5), Duration.ofSeconds(1));
        Duration measured = context.duration(Duration.ofSeconds(20), Duration.ofSeconds(2));
        Path dir = context.workDir();
        TimedLoad generator = WrkLoad.find(dir, context::log);
        ScenarioResult result = new ScenarioResult(name(), title()).setting("steady monitors", monitors)
                .setting("steady connections", STEADY_CONNECTIONS).setting("floods", "1,000 pushes/s over " + PACED_FLOOD_CONNECTIONS + " connections (Vert.x generator, paced), and"
                        + " unpaced over " + UNPACED_FLOOD_CONNECTIONS + " connections")
                .setting("flood plan", FLOOD_PLAN_RATE + " pushes/s for the tenant").setting("rounds", ROUNDS)
                .setting("warm-up", warmup).setting("measured", measured)
                .setting("generator", generator.description());
        try (PushmonSystem system = context.system("system").services(Component.GATEWAY)
                .setting(Component.GATEWAY, "pushmon.tenancy.operator-key", OPERATOR_KEY)
                .setting(Component.GATEWAY, "pushmon.plans.flood.tenant-pushes-per-second",
                        Integer.toString(FLOOD_PLAN_RATE))
                .setting(Component.GATEWAY, "pushmon.plans.flood.monitor-pushes-per-minute", "2147483647").start()) {
            Path steadyTokens;
            try (Population population = new Population(system.kafkaBootstrap())) {
                List<BenchMonitor> defined = population.define(monitors, List.of(), i -> 3600);
                population.awaitKnownBy(new PushmonApi(system), Duration.ofMinutes(2));
                steadyTokens = Population.writeTokens(dir.resolve("steady-tokens.txt"), defined);
            }
            Path floodTokens = floodTenant(system, dir.resolve("flood-tokens.txt"));
            Map<String, List<Double>> ratios = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                context.log("round %d: steady tenant alone", round);
                LoadResult quiet = generator.run(LoadSpec.timed(system.gatewayUrl(), steadyTokens, STEADY_CONNECTIONS,
                        warmup, measured), dir.resolve("load-quiet-" + round + ".txt"));
                String at = " (round " + round + ")";
                result.metric("steady p99 alone" + at, millis(quiet.p99Micros()), "ms");
                result.metric("steady p50 alone" + at, millis(quiet.p50Micros()), "ms");
                result.metric("steady pushes/s alone" + at, Math.round(quiet.perSecond()), "/s");
                for (int perSecond : FLOODS) {
                    String kind = perSecond > 0 ? String.format(Locale.ROOT, "%,d/s", perSecond) : "unpaced";
                    context.log("round %d: steady tenant while the other floods (%s)", round, kind);
                    String with = " with a " + kind + " flood" + at;
                    Flooded flooded = flooded(generator, system, steadyTokens, floodTokens, perSecond, warmup,
                            measured, dir, round);
                    LoadResult noisy = flooded.steady();
                    LoadResult flood = flooded.flood();
                    double ratio = (double) noisy.p99Micros() / Math.max(1, quiet.p99Micros());
                    ratios.computeIfAbsent(kind, c -> new ArrayList<>()).add(ratio);
                    result.metric("steady p99" + with, millis(noisy.p99Micros()), "ms");
                    result.metric("steady p50" + with, millis(noisy.p50Micros()), "ms");
                    result.metric("steady pushes/s" + with, Math.round(noisy.perSecond()), "/s");
                    result.metric("steady non-2xx" + with, noisy.failures(), "");
                    result.metric("flood requests/s" + with, Math.round(flood.perSecond()), "/s");
                    result.metric("flood accepted/s" + with, Math.round(accepted(flood) / flood.seconds()), "/s");
                    result.metric("gateway CPU seconds per second" + with, round(flooded.gatewayCpuPerSecond()), "");
                    result.metric("generator CPU per request: flood" + with, round(flood.allAnswered() > 0
                            ? (double) flood.cpuMicros() / flood.allAnswered() : 0), "µs");
                    result.metric("steady p99 with / without the flood" + with, Math.round(ratio * 100), "%");
                }
            }
            ratios.forEach((kind, values) -> {
                double median = values.stream().sorted().toList().get(values.size() / 2);
                result.check("a " + kind + " flood raises another tenant's p99 by at most 20% "
                        + "(median of " + ROUNDS + " rounds)", String.format(Locale.ROOT, "%+.0f%%", (median - 1) * 100),
                        median <= 1.2);
            });
            result.note("The flood and the steady load come from two generator processes on this machine, sharing"
                    + " its 2 cores with the gateway and the broker: part of what the flood costs the steady tenant"
                    + " is the flood generator's own CPU, which a real flood from elsewhere does not take from the"
                    + " gateway's host.");
        }
        return result;
    }

    /** The steady tenant's load and the flood that ran beside it, with the gateway's CPU meanwhile. */
    private record Flooded(LoadResult steady, LoadResult flood, double gatewayCpuPerSecond) {
    }

    /**
     * The steady load while a flood runs, started first and lasting until after it. A paced flood runs on the Vert.x
     * generator (wrk has no rate), an unpaced one on the scenario's generator.
     */
    private static Flooded flooded(TimedLoad generator, PushmonSystem system, Path steadyTokens, Path floodTokens,
            int perSecond, Duration warmup, Duration measured, Path dir, int round) throws Exception {
        long gatewayPid = system.process(Component.GATEWAY).pid();
        Duration cpuBefore = ProcessCpu.of(gatewayPid);
        long startedAt = System.nanoTime();
        String name = (perSecond > 0 ? perSecond + "ps" : "unpaced") + "-" + round;
        Path floodOutput = dir.resolve("load-flood-" + name + ".txt");
        Duration length = warmup.plus(measured).plusSeconds(4);
        CompletableFuture<LoadResult> flood = CompletableFuture.supplyAsync(() -> {
            try {
                return perSecond > 0
                        ? LoadProcess.run(LoadSpec.paced(system.gatewayUrl(), floodTokens, PACED_FLOOD_CONNECTIONS,
                                Duration.ofSeconds(1), length, perSecond), floodOutput)
                        : generator.run(LoadSpec.timed(system.gatewayUrl(), floodTokens, UNPACED_FLOOD_CONNECTIONS,
                                Duration.ofSeconds(1), length), floodOutput);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_500);
        LoadResult steady = generator.run(LoadSpec.timed(system.gatewayUrl(), steadyTokens, STEADY_CONNECTIONS,
                warmup, measured), dir.resolve("load-noisy-" + name + ".txt"));
        LoadResult flooding = flood.get();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        double cpu = ProcessCpu.of(gatewayPid).minus(cpuBefore).toMillis() / 1000.0;
        return new Flooded(steady, flooding, cpu / seconds);
    }

    /** Answers below 300, as either generator counts them. */
    private static long accepted(LoadResult load) {
        return load.statuses().getOrDefault("2xx", load.statuses().getOrDefault("200", 0L));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** A tenant on the flood plan with a few monitors; their tokens, one per line. */
    private static Path floodTenant(PushmonSystem system, Path tokens) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(system.gatewayUrl()
                + "/operator/tenants")).header("Authorization", "Bearer " + OPERATOR_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"flooder\",\"plan\":\"flood\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating the flooding tenant: " + created.statusCode() + " "
                    + created.body());
        }
        PushmonApi flooder = new PushmonApi(system.gatewayUrl(),
                JSON.readTree(created.body()).path("apiKey").path("key").asText());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < FLOOD_MONITORS; i++) {
            lines.add(flooder.createMonitor("flood-" + i, 3600, List.of()).pushToken());
        }
        return Files.write(tokens, lines);
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
