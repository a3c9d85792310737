package io.pushmon.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.ServiceVariant;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.kafka.BrokerView;
import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.load.LoadSpec;
import io.pushmon.bench.load.TimedLoad;
import io.pushmon.bench.load.WrkLoad;
import io.pushmon.bench.metrics.FlightRecording;
import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 1: pushes per second and latency through the real gateway (token lookup, validation, Kafka ack with
 * acks=all) over 10,000 monitors, next to the bare endpoint with the same generator, alternating target by target
 * in one run so a noisy neighbour hits both alike; other gateway builds ({@code --gateway-variant}) take their turn
 * in the same rotation. Then the whole system (broker, gateway, processor, dispatcher) under the same load, with
 * the processor's lag on {@code heartbeats}: the gateway's pushes are only worth as much as the processor keeps up
 * with.
 */
public final class IngestScenario implements Scenario {

    private static final int PROFILED_CONNECTIONS = 200;
    private static final List<Integer> CONNECTIONS = List.of(50, PROFILED_CONNECTIONS);
    private static final int WHOLE_SYSTEM_CONNECTIONS = 200;
    private static final double WHOLE_SYSTEM_PUSHES_PER_SECOND = 20_000;
    private static final double GENERATOR_MICROS_PER_REQUEST = 20;
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String title() {
        return "Ingest: pushes/s and latency through the gateway against a bare Quarkus endpoint, then through the"
                + " whole system";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        // Not --size: the targets are set for 10,000 monitors.
        int monitors = context.smoke() ? 200 : 10_000;
        Duration warmup = context.duration(Duration.ofSeconds(10), Duration.ofSeconds(1));
        Duration measured = context.duration(Duration.ofSeconds(30), Duration.ofSeconds(2));
        Path dir = context.workDir();
        TimedLoad generator = WrkLoad.find(dir, context::log);
        Map<String, ServiceVariant> variants = context.options().gatewayVariants();
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("monitors", monitors).setting("connections", CONNECTIONS)
                .setting("whole-system connections", WHOLE_SYSTEM_CONNECTIONS)
                .setting("warm-up", warmup).setting("measured", measured)
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("broker JVM", String.join(" ", BenchContext.BROKER_JVM))
                .setting("generator", generator.description());
        if (!variants.isEmpty()) {
            // As text: a setting is written to report.json as is, and a variant holds an Optional.
            result.setting("gateway variants", variants.toString());
        }
        IngestRun ingest = new IngestRun(context, generator, result, monitors, warmup, measured);
        LoadResult bare = ingest.gatewayOnly(variants);
        ingest.wholeSystem(bare);
        double worst = ingest.generatorCpu.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        result.warning("generator CPU per request at most 20 µs (above, it takes the CPU from what it measures)",
                String.format(Locale.ROOT, "at most %.1f µs (%s)", worst, ingest.generatorCpu.entrySet().stream()
                        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue()))
                        .collect(Collectors.joining(", "))), worst <= GENERATOR_MICROS_PER_REQUEST);
        result.note("Everything runs on this machine: on 2 cores the generator, the server and (for the gateway) the"
                + " broker share the CPU, so absolute figures are lower than on dedicated hosts; the ratios measured"
                + " in this run are what compares.");
        return result;
    }

    /** A gateway under load in the gateway-only phase: this build's or a variant's, on a broker of its own. */
    private record Gateway(String label, boolean thisBuild, PushmonSystem system, Path tokens) {
    }

    /** One run of the scenario: what it loads with, where it reports, each load's generator CPU for the warning. */
    private static final class IngestRun {

        private final BenchContext context;
        private final TimedLoad generator;
        private final ScenarioResult result;
        private final int monitors;
        private final Duration warmup;
        private final Duration measured;
        private final Path dir;
        private final Map<String, Double> generatorCpu = new LinkedHashMap<>();

        IngestRun(BenchContext context, TimedLoad generator, ScenarioResult result, int monitors, Duration warmup,
                Duration measured) {
            this.context = context;
            this.generator = generator;
            this.result = result;
            this.monitors = monitors;
            this.warmup = warmup;
            this.measured = measured;
            this.dir = context.workDir();
        }

        /** Bare endpoint, this build's gateway and each variant, in turn at each concurrency; returns bare @200. */
        LoadResult gatewayOnly(Map<String, ServiceVariant> variants) throws Exception {
            context.log("starting the broker and the gateway (no processor or dispatcher: the ingest path ends at"
                    + " Kafka's ack)");
            List<Gateway> gateways = new ArrayList<>();
            try (CeilingEndpoint ceiling = CeilingEndpoint.start(context.root(), BenchContext.SERVICE_JVM,
                    dir.resolve("ceiling.log"))) {
                gateways.add(start("gateway", true, "system", new ServiceVariant(Optional.empty(), Map.of()),
                        "tokens.txt"));
                for (Map.Entry<String, ServiceVariant> variant : variants.entrySet()) {
                    context.log("starting gateway variant %s from %s, on a broker of its own", variant.getKey(),
                            variant.getValue());
                    gateways.add(start("gateway " + variant.getKey(), false, "system-" + variant.getKey(),
                            variant.getValue(), "tokens-" + variant.getKey() + ".txt"));
                }
                LoadResult bareAtProfiled = null;
                for (int connections : CONNECTIONS) {
                    String at = " @" + connections;
                    context.log("%d connections: bare endpoint", connections);
                    // The bare endpoint takes this build's tokens: it does not look them up, only their shape counts.
                    Measured bare = measure(LoadSpec.timed(ceiling.url(), gateways.get(0).tokens(), connections,
                            warmup, measured), "load-ceiling-" + connections + ".txt", ceiling.pid());
                    recordBare(at, bare);
                    for (Gateway gateway : gateways) {
                        context.log("%d connections: %s", connections, gateway.label());
                        long gatewayPid = gateway.system().process(Component.GATEWAY).pid();
                        Measured run = measure(LoadSpec.timed(gateway.system().gatewayUrl(), gateway.tokens(),
                                connections, warmup, measured), "load-" + gateway.label().replace(' ', '-') + "-"
                                        + connections + ".txt", gatewayPid,
                                gateway.system().process(Component.KAFKA).pid());
                        recordGateway(gateway.label(), connections, bare, run, gateway.thisBuild());
                        if (gateway.thisBuild() && connections == PROFILED_CONNECTIONS) {
                            profile(gateway, gatewayPid, connections);
                        }
                    }
                    if (connections == PROFILED_CONNECTIONS) {
                        bareAtProfiled = bare.load();
                    }
                }
                return bareAtProfiled;
            } finally {
                gateways.forEach(gateway -> gateway.system().close());
            }
        }

        /**
         * A JFR profile of this build's gateway at the concurrency the p99 target is set for, in a load run of its
         * own after the measured one: the recorder's own cost (it also samples allocations and I/O) must not go
         * into the figures it explains.
         */
        private void profile(Gateway gateway, long gatewayPid, int connections) throws Exception {
            Path jfr = dir.resolve("gateway-" + connections + ".jfr");
            FlightRecording recording = FlightRecording.start(gatewayPid, jfr);
            generator.run(LoadSpec.timed(gateway.system().gatewayUrl(), gateway.tokens(), connections,
                    Duration.ofSeconds(1), context.duration(Duration.ofSeconds(15), Duration.ofSeconds(1))),
                    dir.resolve("load-gateway-profile-" + connections + ".txt"));
            result.note("Gateway CPU profile at " + connections + " connections (JFR execution samples in a load"
                    + " run after the measured one, gateway-" + connections + ".jfr in the scenario folder): "
                    + String.join("; ", FlightRecording.hotMethods(recording.stop(), "io.pushmon", 12)));
        }

        /** A broker and a gateway (this build's or a variant's) knowing the population. */
        private Gateway start(String label, boolean thisBuild, String dataName, ServiceVariant gateway,
                String tokensFile) throws Exception {
            PushmonSystem.Builder builder = context.system(dataName).services(Component.GATEWAY);
            gateway.applyTo(builder, Component.GATEWAY);
            PushmonSystem system = builder.start();
            try (Population population = new Population(system.kafkaBootstrap())) {
                // Long timeouts: nothing expires during the load, and no processor runs to notice anyway.
                List<BenchMonitor> defined = population.define(monitors, List.of(), i -> 3600);
                population.awaitKnownBy(new PushmonApi(system), Duration.ofMinutes(2));
                return new Gateway(label, thisBuild, system, Population.writeTokens(dir.resolve(tokensFile), defined));
            } catch (Exception | Error e) {
                system.close();
                throw e;
            }
        }

        /** The whole system under the gateway-only phase's load at 200 connections; compared with bare @200. */
        void wholeSystem(LoadResult bare) throws Exception {
            context.log("whole system: the broker, the gateway, the processor and the dispatcher");
            try (PushmonSystem system = context.system("system-whole").start();
                    BrokerView broker = new BrokerView(system.kafkaBootstrap())) {
                Path tokens;
                try (Population population = new Population(system.kafkaBootstrap())) {
                    // No channel: nothing goes down during the load, so the dispatcher only idles on its topics.
                    List<BenchMonitor> defined = population.define(monitors, List.of(), i -> 3600);
                    population.awaitKnownBy(new PushmonApi(system), Duration.ofMinutes(2));
                    population.awaitTrackedBy(system.url(Component.PROCESSOR), Duration.ofMinutes(2));
                    tokens = Population.writeTokens(dir.resolve("tokens-whole.txt"), defined);
                }
                List<Component> measuredProcesses = List.of(Component.GATEWAY, Component.KAFKA, Component.PROCESSOR,
                        Component.DISPATCHER);
                context.log("%d connections: whole system", WHOLE_SYSTEM_CONNECTIONS);
                Measured run = measure(LoadSpec.timed(system.gatewayUrl(), tokens, WHOLE_SYSTEM_CONNECTIONS, warmup,
                        measured), "load-whole-" + WHOLE_SYSTEM_CONNECTIONS + ".txt", measuredProcesses.stream()
                                .mapToLong(c -> system.process(c).pid()).toArray());
                // The processor's consumer group is its Kafka Streams application id
                // (pushmon.processor.application-id, which PushmonSystem leaves at its default).
                Map<TopicPartition, Long> written = broker.endOffsets(List.of(Topic.HEARTBEATS.topicName()));
                long lagAtEnd = broker.lag(BrokerView.PROCESSOR_GROUP, written);
                context.log("processor lag on heartbeats at the end of the load: %,d records", lagAtEnd);
                Optional<Duration> caughtUp = broker.timeToCommit(BrokerView.PROCESSOR_GROUP, written,
                        CATCH_UP_LIMIT, remaining -> context.log("processor still %,d records behind", remaining));
                long lagAfter = caughtUp.isPresent() ? 0 : broker.lag(BrokerView.PROCESSOR_GROUP, written);
                recordWholeSystem(run, measuredProcesses, bare, lagAtEnd, caughtUp, lagAfter);
            }
        }

        /** A load run and the CPU each server process used per answered request over the whole run. */
        private record Measured(LoadResult load, double[] cpuMicrosPerRequest) {

            double generatorCpuMicrosPerRequest() {
                return load.allAnswered() > 0 ? (double) load.cpuMicros() / load.allAnswered() : 0;
            }
        }

        private Measured measure(LoadSpec spec, String output, long... serverPids) throws Exception {
            Duration[] before = new Duration[serverPids.length];
            for (int i = 0; i < serverPids.length; i++) {
                before[i] = ProcessCpu.of(serverPids[i]);
            }
            LoadResult load = generator.run(spec, dir.resolve(output));
            double[] perRequest = new double[serverPids.length];
            for (int i = 0; i < serverPids.length; i++) {
                long micros = ProcessCpu.of(serverPids[i]).minus(before[i]).toNanos() / 1_000;
                perRequest[i] = load.allAnswered() > 0 ? (double) micros / load.allAnswered() : 0;
            }
            return new Measured(load, perRequest);
        }

        private void recordBare(String at, Measured run) {
            recordLoad("bare", at, run.load());
            result.metric("bare CPU per request: endpoint" + at, round(run.cpuMicrosPerRequest()[0]), "µs");
            recordGenerator("bare" + at, "bare CPU per request: generator" + at, run);
        }

        /** Throughput, latency and failures of one load, in the rows every target shares. */
        private void recordLoad(String label, String at, LoadResult load) {
            result.metric(label + " pushes/s" + at, round(load.perSecond()), "/s");
            result.metric(label + " p50" + at, millis(load.p50Micros()), "ms");
            result.metric(label + " p99" + at, millis(load.p99Micros()), "ms");
            result.metric(label + " max" + at, millis(load.maxMicros()), "ms");
            result.metric(label + " non-2xx or no answer" + at, load.failures(), "");
        }

        /** A gateway's figures; the targets are judged for this build's gateway, the invariant for every one. */
        private void recordGateway(String label, int connections, Measured bareRun, Measured gatewayRun,
                boolean judged) {
            LoadResult bare = bareRun.load();
            LoadResult gateway = gatewayRun.load();
            String at = " @" + connections;
            recordLoad(label, at, gateway);
            double gatewayCpu = gatewayRun.cpuMicrosPerRequest()[0];
            double bareCpu = bareRun.cpuMicrosPerRequest()[0];
            result.metric(label + " CPU per push: gateway" + at, round(gatewayCpu), "µs");
            result.metric(label + " CPU per push: broker" + at, round(gatewayRun.cpuMicrosPerRequest()[1]), "µs");
            recordGenerator(label + at, label + " CPU per push: generator" + at, gatewayRun);
            double ratio = share(gateway, bare);
            result.metric(label + " / bare" + at, Math.round(ratio * 1000) / 10.0, "%");
            double cpuRatio = bareCpu > 0 ? gatewayCpu / bareCpu : 0;
            result.metric(label + " CPU per push / bare CPU per request" + at, Math.round(cpuRatio * 100) / 100.0,
                    "×");
            result.invariant("zero non-2xx at " + connections + " connections" + (judged ? "" : " (" + label + ")"),
                    failures(gateway), gateway.failures() == 0);
            if (!judged) {
                return;
            }
            result.check("gateway at least 70% of the bare endpoint at " + connections + " connections",
                    String.format(Locale.ROOT, "%.1f%% (%.0f vs %.0f pushes/s)", ratio * 100, gateway.perSecond(),
                            bare.perSecond()), ratio >= 0.7);
            result.check("gateway CPU per push at most 2× the bare endpoint's CPU per request at " + connections
                    + " connections", String.format(Locale.ROOT, "%.1f× (%.1f vs %.1f µs)", cpuRatio, gatewayCpu,
                            bareCpu), bareCpu > 0 && gatewayCpu <= 2 * bareCpu);
            if (connections == PROFILED_CONNECTIONS) {
                result.check("gateway p99 under 50 ms at 200 connections",
                        String.format(Locale.ROOT, "%.1f ms", millis(gateway.p99Micros())),
                        gateway.p99Micros() < 50_000);
            }
        }

        private void recordWholeSystem(Measured run, List<Component> processes, LoadResult bare, long lagAtEnd,
                Optional<Duration> caughtUp, long lagAfter) {
            LoadResult load = run.load();
            String label = "whole system";
            String at = " @" + WHOLE_SYSTEM_CONNECTIONS;
            recordLoad(label, at, load);
            for (int i = 0; i < processes.size(); i++) {
                String process = processes.get(i) == Component.KAFKA ? "broker"
                        : processes.get(i).name().toLowerCase(Locale.ROOT);
                result.metric(label + " CPU per push: " + process + at, round(run.cpuMicrosPerRequest()[i]), "µs");
            }
            recordGenerator(label + at, label + " CPU per push: generator" + at, run);
            double ratio = share(load, bare);
            result.metric(label + " / bare" + at, Math.round(ratio * 1000) / 10.0, "%");
            result.metric(label + ": processor lag on heartbeats at the end of the load", lagAtEnd, "records");
            if (caughtUp.isPresent()) {
                result.metric(label + ": processor lag back to 0 after", caughtUp.get().toMillis() / 1000.0, "s");
            } else {
                result.metric(label + ": processor lag " + CATCH_UP_LIMIT.toSeconds() + " s after the load", lagAfter,
                        "records");
            }

            result.check(String.format(Locale.ROOT, "whole system at least %,.0f pushes/s at %d connections over"
                    + " %,d monitors", WHOLE_SYSTEM_PUSHES_PER_SECOND, WHOLE_SYSTEM_CONNECTIONS, monitors),
                    String.format(Locale.ROOT, "%,.0f pushes/s (%.1f%% of the bare endpoint's %,.0f)",
                            load.perSecond(), ratio * 100, bare.perSecond()),
                    load.perSecond() >= WHOLE_SYSTEM_PUSHES_PER_SECOND);
            result.check("whole system p99 under 50 ms at " + WHOLE_SYSTEM_CONNECTIONS + " connections",
                    String.format(Locale.ROOT, "%.1f ms", millis(load.p99Micros())), load.p99Micros() < 50_000);
            result.check("whole system: the processor keeps up (its lag on heartbeats back to 0 within "
                    + CATCH_UP_LIMIT.toSeconds() + " s of the load's end)", String.format(Locale.ROOT,
                            "%,d records behind at the end, %s", lagAtEnd, caughtUp.map(d -> String.format(
                                    Locale.ROOT, "0 after %.1f s", d.toMillis() / 1000.0))
                                    .orElse(String.format(Locale.ROOT, "still %,d after %d s", lagAfter,
                                            CATCH_UP_LIMIT.toSeconds()))), caughtUp.isPresent());
            result.invariant("whole system: zero non-2xx at " + WHOLE_SYSTEM_CONNECTIONS + " connections",
                    failures(load), load.failures() == 0);
        }

        private void recordGenerator(String load, String metric, Measured run) {
            double perRequest = run.generatorCpuMicrosPerRequest();
            generatorCpu.put(load, perRequest);
            result.metric(metric, round(perRequest), "µs");
        }
    }

    private static String failures(LoadResult load) {
        return load.failures() + " (statuses " + load.statuses() + (load.firstError() == null ? ""
                : ", first error " + load.firstError()) + ")";
    }

    private static double share(LoadResult load, LoadResult bare) {
        return bare.perSecond() > 0 ? load.perSecond() / bare.perSecond() : 0;
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
