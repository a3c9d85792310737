package io.pushmon.bench.processor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.ServiceVariant;
import io.pushmon.bench.kafka.BrokerView;
import io.pushmon.bench.metrics.FlightRecording;
import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * The processor alone: what one heartbeat costs it. A broker and a processor (no gateway: heartbeats are written
 * straight into {@code heartbeats} in the gateway's record format, so nothing else competes for the two cores), a
 * population defined and warmed up with a few pushes each, then rounds of one push per monitor written as fast as the
 * producer batches them. The processor lags and catches up; its CPU from the first record written to the last one
 * committed, over the heartbeats, is its cost per heartbeat, and heartbeats over that time its ceiling. Variants
 * ({@code --processor-variant}) run in turn with this build, in two rounds, so a before/after is read side by side.
 */
public final class ProcessorScenario implements Scenario {

    static final double TARGET_CPU_MICROS = 15;
    private static final int TIMEOUT_SECONDS = 3600;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(10);
    private static final Duration IDLE = Duration.ofSeconds(5);
    private static final int WARM_UP_PUSHES = 3;

    @Override
    public String name() {
        return "processor";
    }

    @Override
    public String title() {
        return "Processor: CPU per heartbeat and heartbeats/s, the processor alone on a broker";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int monitors = context.size(10_000, 200);
        int pushesEach = context.smoke() ? 2 : 50;
        Map<String, ServiceVariant> variants = new LinkedHashMap<>();
        variants.put("this build", new ServiceVariant(Optional.empty(), Map.of()));
        variants.putAll(context.options().processorVariants());
        int rounds = variants.size() > 1 && !context.smoke() ? 2 : 1;
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("monitors", monitors)
                .setting("heartbeats per run", (long) monitors * pushesEach)
                .setting("population", "no channels, " + TIMEOUT_SECONDS + " s timeout, " + WARM_UP_PUSHES
                        + " warm-up pushes each, then "
                        + pushesEach + " rounds of one up push each (no message, no body)")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("variants", variants.toString())
                .setting("rounds", rounds);
        Map<String, List<Run>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, ServiceVariant> variant : variants.entrySet()) {
                String label = variant.getKey();
                Run run = measure(context, label, round, variant.getValue(), monitors, pushesEach, false);
                runs.computeIfAbsent(label, l -> new ArrayList<>()).add(run);
            }
        }
        record(result, runs, monitors, pushesEach);
        if (context.smoke()) {
            return result;
        }
        // The recording costs the processor a tenth or more of its CPU: it gets a run of its own, outside the means.
        Run profiled = measure(context, "this build, profiled", 1, variants.get("this build"), monitors, pushesEach,
                true);
        result.metric("this build, profiled (JFR, not in the means): processor CPU per heartbeat",
                round(profiled.processorMicros()), "µs");
        result.note("JFR profile of the processor (this build, a run of its own), CPU samples over the measured"
                + " rounds: " + String.join("; ", profiled.profile()));
        return result;
    }

    /** What one run measured; CPU figures are µs per heartbeat of the measured rounds. */
    private record Run(double perSecond, double processorMicros, double brokerMicros, double writerMicros,
            double idleMicrosPerSecond, long lagLeft, List<String> profile) {
    }

    private static Run measure(BenchContext context, String label, int round, ServiceVariant variant, int monitors,
            int pushesEach, boolean profiled) throws Exception {
        String name = label.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + round;
        context.log("%s, round %d: starting a broker and a processor", label, round);
        PushmonSystem.Builder builder = context.system(name).services(Component.PROCESSOR);
        variant.applyTo(builder, Component.PROCESSOR);
        try (PushmonSystem system = builder.start();
                Population population = new Population(system.kafkaBootstrap());
                BrokerView broker = new BrokerView(system.kafkaBootstrap())) {
            long processor = system.process(Component.PROCESSOR).pid();
            long kafka = system.process(Component.KAFKA).pid();
            List<BenchMonitor> defined = population.define(monitors, List.of(), i -> TIMEOUT_SECONDS);
            population.awaitTrackedBy(system.url(Component.PROCESSOR), Duration.ofMinutes(5));
            // The first pushes of each monitor create its history and index entries and JIT-compile the path:
            // that is a monitor's first minutes, not its steady state.
            for (int i = 0; i < WARM_UP_PUSHES; i++) {
                population.pushAll(defined);
            }
            broker.awaitCommitted(BrokerView.PROCESSOR_GROUP, heartbeatEnds(broker), CATCH_UP_LIMIT, lag -> { });

            FlightRecording recording = profiled
                    ? FlightRecording.start(processor, context.workDir().resolve(name + ".jfr")) : null;
            Duration processorBefore = ProcessCpu.of(processor);
            Duration kafkaBefore = ProcessCpu.of(kafka);
            long writerBefore = ProcessCpu.ownNanos();
            long start = System.nanoTime();
            for (int i = 0; i < pushesEach; i++) {
                population.pushAll(defined);
            }
            long writerNanos = ProcessCpu.ownNanos() - writerBefore;
            context.log("%s, round %d: %,d heartbeats written in %.1f s; waiting for the processor", label, round,
                    (long) monitors * pushesEach, (System.nanoTime() - start) / 1e9);
            Map<TopicPartition, Long> ends = heartbeatEnds(broker);
            Optional<Duration> caughtUp = broker.timeToCommit(BrokerView.PROCESSOR_GROUP, ends, CATCH_UP_LIMIT,
                    lag -> context.log("processor lags %,d records", lag));
            double seconds = (System.nanoTime() - start) / 1e9;
            double heartbeats = (double) monitors * pushesEach;
            double processorMicros = ProcessCpu.of(processor).minus(processorBefore).toNanos() / 1e3 / heartbeats;
            double kafkaMicros = ProcessCpu.of(kafka).minus(kafkaBefore).toNanos() / 1e3 / heartbeats;
            List<String> profile = recording == null ? List.of()
                    : FlightRecording.hotMethods(recording.stop(), "io.pushmon", 15);
            long lagLeft = caughtUp.isPresent() ? 0 : broker.lag(BrokerView.PROCESSOR_GROUP, ends);
            // Idle is read after the load, once RocksDB's flushes and compactions of it had a moment to finish.
            Thread.sleep(IDLE.toMillis());
            Duration idleBefore = ProcessCpu.of(processor);
            Thread.sleep(IDLE.toMillis());
            double idle = (ProcessCpu.of(processor).minus(idleBefore).toNanos() / 1e3) / IDLE.toSeconds();
            Run run = new Run(heartbeats / seconds, processorMicros, kafkaMicros, writerNanos / 1e3 / heartbeats,
                    idle, lagLeft, profile);
            context.log("%s, round %d: %,.0f heartbeats/s, processor %.1f µs per heartbeat", label, round,
                    run.perSecond(), run.processorMicros());
            return run;
        }
    }

    private static Map<TopicPartition, Long> heartbeatEnds(BrokerView broker) throws Exception {
        return broker.endOffsets(List.of(Topic.HEARTBEATS.topicName()));
    }

    private static void record(ScenarioResult result, Map<String, List<Run>> runs, int monitors, int pushesEach) {
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            String label = entry.getKey();
            List<Run> measured = entry.getValue();
            for (int i = 0; i < measured.size(); i++) {
                Run run = measured.get(i);
                String at = label + (measured.size() > 1 ? ", round " + (i + 1) : "");
                result.metric(at + ": heartbeats/s through the processor", Math.round(run.perSecond()), "/s")
                        .metric(at + ": processor CPU per heartbeat", round(run.processorMicros()), "µs")
                        .metric(at + ": broker CPU per heartbeat", round(run.brokerMicros()), "µs")
                        .metric(at + ": writer (harness) CPU per heartbeat", round(run.writerMicros()), "µs")
                        .metric(at + ": processor CPU while idle", Math.round(run.idleMicrosPerSecond()), "µs/s");
                result.invariant("every heartbeat committed within " + CATCH_UP_LIMIT.toMinutes() + " min (" + at
                        + ")", run.lagLeft() + " records left", run.lagLeft() == 0);
            }
        }
        List<Run> mine = runs.get("this build");
        double cpu = mine.stream().mapToDouble(Run::processorMicros).average().orElse(0);
        for (Map.Entry<String, List<Run>> entry : runs.entrySet()) {
            if (entry.getKey().equals("this build")) {
                continue;
            }
            double theirs = entry.getValue().stream().mapToDouble(Run::processorMicros).average().orElse(0);
            double rate = entry.getValue().stream().mapToDouble(Run::perSecond).average().orElse(0);
            double myRate = mine.stream().mapToDouble(Run::perSecond).average().orElse(0);
            result.metric("this build / " + entry.getKey() + ": processor CPU per heartbeat",
                    theirs > 0 ? Math.round(cpu / theirs * 100) / 100.0 : 0, "×")
                    .metric("this build / " + entry.getKey() + ": heartbeats/s",
                            rate > 0 ? Math.round(myRate / rate * 100) / 100.0 : 0, "×");
        }
        result.check(String.format(Locale.ROOT, "processor CPU per heartbeat at most %.0f µs (%,d monitors, %d"
                + " pushes each)", TARGET_CPU_MICROS, monitors, pushesEach), String.format(Locale.ROOT,
                "%.1f µs (mean of %d)", cpu, mine.size()), cpu <= TARGET_CPU_MICROS);
        result.note("CPU is each process's user + system time (/proc) from the first measured heartbeat written to"
                + " the last one committed, over the heartbeats; the processor's includes its commits (exactly-once,"
                + " every commit interval), its changelog writes and its idle punctuations, whose own cost is the"
                + " 'while idle' row. The writer is the harness's producer, on the same two cores.");
    }

    private static double round(double micros) {
        return Math.round(micros * 10) / 10.0;
    }
}
