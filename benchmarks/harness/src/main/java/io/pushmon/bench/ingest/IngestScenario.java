package io.pushmon.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.load.LoadProcess;
import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.load.LoadSpec;
import io.pushmon.bench.metrics.FlightRecording;
import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 1: pushes per second and latency through the real gateway (token lookup, validation, Kafka ack with
 * acks=all) over 10,000 monitors, next to the bare endpoint with the same generator, alternating target by target
 * in one run so a noisy neighbour hits both alike.
 */
public final class IngestScenario implements Scenario {

    private static final int PROFILED_CONNECTIONS = 200;
    private static final List<Integer> CONNECTIONS = List.of(50, PROFILED_CONNECTIONS);

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String title() {
        return "Ingest: pushes/s and latency through the gateway against a bare Quarkus endpoint";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int monitors = context.smoke() ? 200 : 10_000;
        Duration warmup = context.duration(Duration.ofSeconds(10), Duration.ofSeconds(1));
        Duration measured = context.duration(Duration.ofSeconds(30), Duration.ofSeconds(2));
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("monitors", monitors).setting("connections", CONNECTIONS)
                .setting("warm-up", warmup).setting("measured", measured)
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("broker JVM", String.join(" ", BenchContext.BROKER_JVM))
                .setting("generator", "Vert.x closed loop, separate JVM, POST /api/push/<token> round-robin over the"
                        + " monitors' tokens");
        Path dir = context.workDir();

        context.log("starting the broker and the gateway (the processor and dispatcher are not started: the"
                + " ingest path ends at Kafka's ack)");
        try (PushmonSystem system = context.system("system").services(Component.GATEWAY).start();
                CeilingEndpoint ceiling = CeilingEndpoint.start(context.root(), BenchContext.SERVICE_JVM,
                        dir.resolve("ceiling.log"));
                Population population = new Population(system.kafkaBootstrap())) {
            // Long timeouts: nothing expires during the load, and no processor runs to notice anyway.
            List<BenchMonitor> defined = population.define(monitors, List.of(), i -> 3600);
            population.awaitKnownBy(new PushmonApi(system), Duration.ofMinutes(2));
            Path tokens = Population.writeTokens(dir.resolve("tokens.txt"), defined);

            long gatewayPid = system.process(Component.GATEWAY).pid();
            long brokerPid = system.process(Component.KAFKA).pid();
            for (int connections : CONNECTIONS) {
                context.log("%d connections: bare endpoint", connections);
                Measured bare = measure(LoadSpec.timed(ceiling.url(), tokens, connections, warmup, measured),
                        dir.resolve("load-ceiling-" + connections + ".json"), ceiling.pid());
                context.log("%d connections: gateway", connections);
                // The profile is taken at the higher concurrency only: it is the one the p99 target is set for.
                FlightRecording profile = connections == PROFILED_CONNECTIONS
                        ? FlightRecording.start(gatewayPid, dir.resolve("gateway-" + connections + ".jfr")) : null;
                Measured gateway = measure(LoadSpec.timed(system.gatewayUrl(), tokens, connections, warmup,
                        measured), dir.resolve("load-gateway-" + connections + ".json"), gatewayPid, brokerPid);
                record(result, connections, bare, gateway);
                if (profile != null) {
                    result.note("Gateway CPU profile at " + connections + " connections (JFR execution samples, "
                            + "gateway-" + connections + ".jfr in the scenario folder): "
                            + String.join("; ", FlightRecording.hotMethods(profile.stop(), "io.pushmon", 12)));
                }
            }
        }
        result.note("Both targets run on this machine next to the broker; the generator is a third JVM. On 2 cores"
                + " the generator, the server and (for the gateway) the broker share the CPU, so absolute figures are"
                + " lower than on a dedicated host; the ratio is what compares.");
        return result;
    }

    /** A load run and the CPU each server process used per answered request over the whole run. */
    private record Measured(LoadResult load, double[] cpuMicrosPerRequest) {

        double generatorCpuMicrosPerRequest() {
            return load.allAnswered() > 0 ? (double) load.cpuMicros() / load.allAnswered() : 0;
        }
    }

    private static Measured measure(LoadSpec spec, Path output, long... serverPids) throws Exception {
        Duration[] before = new Duration[serverPids.length];
        for (int i = 0; i < serverPids.length; i++) {
            before[i] = ProcessCpu.of(serverPids[i]);
        }
        LoadResult load = LoadProcess.run(spec, output);
        double[] perRequest = new double[serverPids.length];
        for (int i = 0; i < serverPids.length; i++) {
            long micros = ProcessCpu.of(serverPids[i]).minus(before[i]).toNanos() / 1_000;
            perRequest[i] = load.allAnswered() > 0 ? (double) micros / load.allAnswered() : 0;
        }
        return new Measured(load, perRequest);
    }

    private static void record(ScenarioResult result, int connections, Measured bareRun, Measured gatewayRun) {
        LoadResult bare = bareRun.load();
        LoadResult gateway = gatewayRun.load();
        String at = " @" + connections;
        result.metric("bare pushes/s" + at, round(bare.perSecond()), "/s");
        result.metric("bare p50" + at, millis(bare.p50Micros()), "ms");
        result.metric("bare p99" + at, millis(bare.p99Micros()), "ms");
        result.metric("bare max" + at, millis(bare.maxMicros()), "ms");
        result.metric("bare CPU per request: endpoint" + at, round(bareRun.cpuMicrosPerRequest()[0]), "µs");
        result.metric("bare CPU per request: generator" + at, round(bareRun.generatorCpuMicrosPerRequest()), "µs");
        result.metric("gateway pushes/s" + at, round(gateway.perSecond()), "/s");
        result.metric("gateway p50" + at, millis(gateway.p50Micros()), "ms");
        result.metric("gateway p99" + at, millis(gateway.p99Micros()), "ms");
        result.metric("gateway max" + at, millis(gateway.maxMicros()), "ms");
        result.metric("gateway non-2xx or no answer" + at, gateway.failures(), "");
        result.metric("gateway CPU per push: gateway" + at, round(gatewayRun.cpuMicrosPerRequest()[0]), "µs");
        result.metric("gateway CPU per push: broker" + at, round(gatewayRun.cpuMicrosPerRequest()[1]), "µs");
        result.metric("gateway CPU per push: generator" + at, round(gatewayRun.generatorCpuMicrosPerRequest()), "µs");
        double ratio = bare.perSecond() > 0 ? gateway.perSecond() / bare.perSecond() : 0;
        result.metric("gateway / bare" + at, Math.round(ratio * 1000) / 10.0, "%");
        result.check("gateway at least 70% of the bare endpoint at " + connections + " connections",
                String.format(Locale.ROOT, "%.1f%% (%.0f vs %.0f pushes/s)", ratio * 100, gateway.perSecond(),
                        bare.perSecond()), ratio >= 0.7);
        result.invariant("zero non-2xx at " + connections + " connections", gateway.failures() + " (statuses "
                + gateway.statuses() + (gateway.firstError() == null ? "" : ", first error " + gateway.firstError())
                + ")", gateway.failures() == 0);
        if (connections == PROFILED_CONNECTIONS) {
            result.check("gateway p99 under 50 ms at 200 connections",
                    String.format(Locale.ROOT, "%.1f ms", millis(gateway.p99Micros())), gateway.p99Micros() < 50_000);
        }
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
