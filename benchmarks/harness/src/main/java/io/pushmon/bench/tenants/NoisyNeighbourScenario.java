package io.pushmon.bench.tenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
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
    private static final int FLOOD_CONNECTIONS = 64;
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
                .setting("steady connections", STEADY_CONNECTIONS).setting("flood connections", FLOOD_CONNECTIONS)
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
            long gatewayPid = system.process(Component.GATEWAY).pid();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                context.log("round %d: steady tenant alone", round);
                LoadResult quiet = generator.run(LoadSpec.timed(system.gatewayUrl(), steadyTokens, STEADY_CONNECTIONS,
                        warmup, measured), dir.resolve("load-quiet-" + round + ".txt"));
                context.log("round %d: steady tenant while the other floods", round);
                Duration gatewayCpu = ProcessCpu.of(gatewayPid);
                Duration floodLength = warmup.plus(measured).plusSeconds(4);
                Path floodOutput = dir.resolve("load-flood-" + round + ".txt");
                CompletableFuture<LoadResult> flood = CompletableFuture.supplyAsync(() -> {
                    try {
                        return generator.run(LoadSpec.timed(system.gatewayUrl(), floodTokens, FLOOD_CONNECTIONS,
                                Duration.ofSeconds(1), floodLength), floodOutput);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(1_500);
                LoadResult noisy = generator.run(LoadSpec.timed(system.gatewayUrl(), steadyTokens,
                        STEADY_CONNECTIONS, warmup, measured), dir.resolve("load-noisy-" + round + ".txt"));
                LoadResult flooded = flood.get();
                double cpuSeconds = (ProcessCpu.of(gatewayPid).minus(gatewayCpu)).toMillis() / 1000.0;
                double ratio = (double) noisy.p99Micros() / Math.max(1, quiet.p99Micros());
                ratios.add(ratio);
                String at = " (round " + round + ")";
                result.metric("steady p99 alone" + at, millis(quiet.p99Micros()), "ms");
                result.metric("steady p99 with the flood" + at, millis(noisy.p99Micros()), "ms");
                result.metric("steady p50 alone" + at, millis(quiet.p50Micros()), "ms");
                result.metric("steady p50 with the flood" + at, millis(noisy.p50Micros()), "ms");
                result.metric("steady pushes/s alone" + at, Math.round(quiet.perSecond()), "/s");
                result.metric("steady pushes/s with the flood" + at, Math.round(noisy.perSecond()), "/s");
                result.metric("steady non-2xx with the flood" + at, noisy.failures(), "");
                result.metric("flood requests/s" + at, Math.round(flooded.perSecond()), "/s");
                result.metric("flood accepted/s" + at, Math.round(flooded.statuses().getOrDefault("200", 0L)
                        / flooded.seconds()), "/s");
                result.metric("flood answered 429" + at, flooded.statuses().getOrDefault("429", 0L), "");
                result.metric("gateway CPU during the flood round" + at, Math.round(cpuSeconds * 10) / 10.0, "s");
                result.metric("generator CPU per request: flood" + at, Math.round(flooded.allAnswered() > 0
                        ? (double) flooded.cpuMicros() / flooded.allAnswered() * 10 : 0) / 10.0, "µs");
                result.metric("steady p99 with / without the flood" + at, Math.round(ratio * 100), "%");
            }
            double median = ratios.stream().sorted().toList().get(ratios.size() / 2);
            result.check("a flood raises another tenant's p99 by at most 20% (median of " + ROUNDS + " rounds)",
                    String.format(Locale.ROOT, "%+.0f%%", (median - 1) * 100), median <= 1.2);
            result.note("The flood and the steady load come from two generator processes on this machine, sharing"
                    + " its 2 cores with the gateway and the broker: part of what the flood costs the steady tenant"
                    + " is the flood generator's own CPU, which a real flood from elsewhere does not take from the"
                    + " gateway's host.");
        }
        return result;
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
