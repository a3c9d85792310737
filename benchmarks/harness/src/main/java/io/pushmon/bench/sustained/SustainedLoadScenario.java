package io.pushmon.bench.sustained;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

import org.apache.kafka.common.TopicPartition;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.kafka.BrokerView;
import io.pushmon.bench.load.LoadProcess;
import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.load.LoadSpec;
import io.pushmon.bench.metrics.FlightRecording;
import io.pushmon.bench.metrics.StateDirectory;
import io.pushmon.bench.observe.EventWatcher;
import io.pushmon.bench.observe.ObservedSystem;
import io.pushmon.bench.observe.WebhookTally;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.Distribution;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.common.model.Heartbeat;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 10: a population that keeps pushing on its interval through the gateway, a million monitors every 60 s
 * (16,667 pushes/s) for ten minutes after a first cycle, while one monitor in a hundred more pushes once and stops.
 * It asks what a detection benchmark with idle monitors cannot: whether the box carries the push rate, whether
 * the processor keeps up with it, whether the monitors that stop are still found in time under that load, and
 * whether a monitor that keeps pushing is ever taken for down. Where the box does not carry it, the report names
 * the process that tops out, at what rate, and what each process would need at the full rate.
 */
public final class SustainedLoadScenario implements Scenario {

    static final long TARGET_P99_MS = 1_500;
    /** Below this share of the offered rate, the push path did not carry the load. */
    static final double CARRIED_SHARE = 0.98;
    /** A processor further behind than this many seconds of pushes at the end of the window did not keep up. */
    static final long KEPT_UP_SECONDS = 5;
    private static final int CONNECTIONS = 256;
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    private static final List<Component> SERVICES = List.of(Component.GATEWAY, Component.PROCESSOR,
            Component.DISPATCHER, Component.KAFKA);

    @Override
    public String name() {
        return "sustained";
    }

    @Override
    public String title() {
        return "Sustained load: monitors pushing on their interval through the gateway, one in a hundred stopping";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        Plan plan = Plan.of(context);
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("monitors pushing", plan.keepers())
                .setting("interval", plan.interval().toSeconds() + " s, each monitor once per interval, round robin")
                .setting("their timeout", plan.keeperTimeoutSeconds() + " s (the interval and a grace of two more: a"
                        + " push path that falls behind stretches their cycle, and late pushes are not what this"
                        + " measures)")
                .setting("offered push rate", plan.perSecond() + "/s through the gateway, " + CONNECTIONS
                        + " connections, paced, from the load generator (a separate JVM)")
                .setting("measured window", "the " + plan.window().toSeconds() + " s after the first cycle")
                .setting("monitors that stop", plan.quitters() + ", one heartbeat each written to `heartbeats`"
                        + " directly " + plan.quitAfter().toSeconds() + " s into the window, timeouts "
                        + (context.smoke() ? "3-6 s" : "10-60 s, evenly spread") + ", each with a webhook")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("storm guard", ObservedSystem.STORM_GUARD);
        Path dir = context.workDir();
        try (ObservedSystem observed = ObservedSystem.start(context, "system", builder -> builder);
                BrokerView broker = new BrokerView(observed.system().kafkaBootstrap())) {
            Duration within = Duration.ofSeconds(120 + plan.keepers() / 1_000);
            context.log("defining %,d monitors that keep pushing and %,d that stop", plan.keepers(), plan.quitters());
            // Without a channel: when the load ends they all expire, and a million webhooks would only fill the sink.
            List<BenchMonitor> keepers = observed.defineUnnotified(plan.keepers(), i -> plan.keeperTimeoutSeconds(),
                    within);
            List<BenchMonitor> quitters = observed.define(plan.quitters(), plan.quitterTimeouts(), within);
            Path tokens = Population.writeTokens(dir.resolve("tokens.txt"), keepers);

            Run run = new Run(context, observed, broker, plan);
            Map<TopicPartition, Long> before = run.endOffsets();
            ExecutorService loader = Executors.newSingleThreadExecutor();
            try {
                Future<LoadResult> load = loader.submit(() -> LoadProcess.run(LoadSpec.paced(
                        observed.system().gatewayUrl(), tokens, CONNECTIONS, Duration.ZERO,
                        plan.interval().plus(plan.window()), plan.perSecond()), dir.resolve("load.json")));
                long started = System.nanoTime();
                context.log("pushing %,d/s; the first cycle of %d s is not measured", plan.perSecond(),
                        plan.interval().toSeconds());
                run.sampleUntil(started + plan.interval().toNanos());
                Window window = run.window(started, quitters, dir);
                Set<String> keeperIds = ObservedSystem.ids(keepers);
                // Counted before the load ends: from then on the monitors that kept pushing expire as they should.
                List<EventWatcher.Down> keeperDowns = observed.events().downsOf(keeperIds);
                int keepersDown = keeperDowns.size();
                long loadStartedMillis = System.currentTimeMillis() - (System.nanoTime() - started) / 1_000_000;
                LoadResult pushes = load.get(plan.interval().plus(plan.window()).plusMinutes(2).toMillis(),
                        TimeUnit.MILLISECONDS);
                Duration drained = run.drain(within);
                stopped(context, result, observed, quitters);
                Map<TopicPartition, Long> after = run.endOffsets();
                long records = broker.countKeys(before, after, key -> !Heartbeat.TICK_KEY.equals(key), within)
                        - plan.quitters();
                pushed(result, pushes, records);
                window.report(result, pushes, plan);
                result.metric("monitors that kept pushing but went down during the load", keepersDown, "");
                keeperDowns.stream().mapToLong(EventWatcher.Down::receivedAtMillis).min().ifPresent(first -> result
                        .metric("the first of them: its down event after the load's start", (first
                                - loadStartedMillis) / 1e3, "s"));
                result.metric("processor lag after the load: time to commit everything", drained.toMillis(), "ms");
                result.check("no monitor that keeps pushing goes down", String.format(Locale.ROOT,
                        "%,d of %,d went down while the load ran", keepersDown, plan.keepers()), keepersDown == 0);
            } finally {
                loader.shutdownNow();
            }
        }
        result.note("A monitor's deadline is its last heartbeat's broker timestamp plus its timeout. A monitor that"
                + " keeps pushing is pushed every interval while the generator keeps pace and has two intervals to"
                + " spare, so one that goes down during the load was either taken for down while it pushed or"
                + " pushed more than two intervals late because the push path fell that far behind; the slowest"
                + " 10 s and the carried rate tell which.");
        result.note("The processor's fire-delay histogram ends at one minute: a p50 or p99 of 60,000 ms there means"
                + " a minute or more.");
        result.note("Pushes lost compares the pushes answered 2xx with the push records on `heartbeats` between"
                + " the start and the end of the load, read back and counted by key after it: every record but the"
                + " gateway's ticks and the stopping monitors' heartbeats.");
        return result;
    }

    /** The run's sizes; a smoke run scales time down with them. */
    record Plan(int keepers, int quitters, Duration interval, Duration window, Duration quitAfter,
            IntUnaryOperator quitterTimeouts) {

        static Plan of(BenchContext context) {
            int keepers = context.size(1_000_000, 2_000);
            return new Plan(keepers, Math.max(100, keepers / 100), context.duration(Duration.ofSeconds(60),
                    Duration.ofSeconds(5)), context.duration(Duration.ofMinutes(10), Duration.ofSeconds(12)),
                    context.duration(Duration.ofSeconds(60), Duration.ofSeconds(1)),
                    context.smoke() ? i -> 3 + i % 4 : i -> 10 + i % 51);
        }

        int perSecond() {
            return (int) Math.round(keepers / (double) interval.toSeconds());
        }

        int keeperTimeoutSeconds() {
            return (int) interval.toSeconds() * 3;
        }
    }

    /** One run's probes: lag samples while the load goes on, and the counts before and after it. */
    private static final class Run {

        private final BenchContext context;
        private final ObservedSystem observed;
        private final BrokerView broker;
        private final Plan plan;
        private long maxLag;
        private long maxPolicyLag;
        private double slowestWritten = Double.MAX_VALUE;
        private long lastSampleNanos;
        private long lastWritten = -1;
        private boolean measuring;

        Run(BenchContext context, ObservedSystem observed, BrokerView broker, Plan plan) {
            this.context = context;
            this.observed = observed;
            this.broker = broker;
            this.plan = plan;
        }

        PushmonSystem system() {
            return observed.system();
        }

        Map<TopicPartition, Long> endOffsets() throws Exception {
            return broker.endOffsets(List.of(Topic.HEARTBEATS.topicName()));
        }

        long lag() throws Exception {
            return broker.lag(BrokerView.PROCESSOR_GROUP, endOffsets());
        }

        /**
         * The processor's lag on {@code policy-inputs}: the policy step is keyed by tenant, so one tenant's flips
         * and memberships queue on one partition, whatever the heartbeats do.
         */
        long policyLag() throws Exception {
            return broker.lag(BrokerView.PROCESSOR_GROUP, broker.endOffsets(List.of(Topic.POLICY_INPUTS.topicName())));
        }

        /** Samples the processor's lag every 10 s until the given {@link System#nanoTime()}. */
        void sampleUntil(long until) throws Exception {
            while (true) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                Thread.sleep(Math.min(left, SAMPLE_EVERY.toNanos()) / 1_000_000);
                Map<TopicPartition, Long> ends = endOffsets();
                long now = System.nanoTime();
                long written = sum(ends);
                long lag = broker.lag(BrokerView.PROCESSOR_GROUP, ends);
                long policyLag = policyLag();
                String rate = "";
                if (lastWritten >= 0) {
                    double perSecond = (written - lastWritten) * 1e9 / (now - lastSampleNanos);
                    // A short sample (the last before a deadline) says little about the rate.
                    if (measuring && now - lastSampleNanos >= SAMPLE_EVERY.toNanos() / 2) {
                        slowestWritten = Math.min(slowestWritten, perSecond);
                    }
                    rate = String.format(Locale.ROOT, "%,.0f records/s written; ", perSecond);
                }
                lastWritten = written;
                lastSampleNanos = now;
                maxLag = Math.max(maxLag, lag);
                maxPolicyLag = Math.max(maxPolicyLag, policyLag);
                context.log("%sprocessor lag %,d records (%.1f s of pushes), its policy step %,d", rate, lag,
                        (double) lag / plan.perSecond(), policyLag);
            }
        }

        /**
         * The measured window: CPU of every process over it, what the topic took and the processor committed, a
         * profile of the gateway and the processor, and the stopping monitors' heartbeat part of the way in.
         */
        Window window(long loadStarted, List<BenchMonitor> quitters, Path dir) throws Exception {
            long start = System.nanoTime();
            measuring = true;
            Map<Component, Duration> cpuBefore = observed.cpu();
            Map<TopicPartition, Long> writtenBefore = endOffsets();
            long committedBefore = committed(writtenBefore);
            long laggedBefore = lag();
            FlightRecording processorProfile = FlightRecording.start(system().process(Component.PROCESSOR).pid(),
                    dir.resolve("processor.jfr"));
            FlightRecording gatewayProfile = FlightRecording.start(system().process(Component.GATEWAY).pid(),
                    dir.resolve("gateway.jfr"));
            sampleUntil(start + plan.quitAfter().toNanos());
            context.log("%,d monitors push once and stop", quitters.size());
            observed.population().pushAll(quitters);
            sampleUntil(loadStarted + plan.interval().plus(plan.window()).toNanos());
            long seconds = System.nanoTime() - start;
            Map<Component, Duration> cpuAfter = observed.cpu();
            Map<TopicPartition, Long> writtenAfter = endOffsets();
            long laggedAfter = lag();
            long policyLagAfter = policyLag();
            long committedAfter = committed(writtenAfter);
            StateDirectory state = StateDirectory.measure(system().dataDir().resolve("processor"));
            List<String> processorHot = FlightRecording.hotMethods(processorProfile.stop(), "io.pushmon", 8);
            List<String> gatewayHot = FlightRecording.hotMethods(gatewayProfile.stop(), "io.pushmon", 8);
            Map<Component, Double> cores = new EnumMap<>(Component.class);
            for (Component component : SERVICES) {
                cores.put(component, cpuAfter.get(component).minus(cpuBefore.get(component)).toNanos()
                        / (double) seconds);
            }
            double secondsMeasured = seconds / 1e9;
            return new Window(secondsMeasured, cores, (sum(writtenAfter) - sum(writtenBefore)) / secondsMeasured,
                    (committedAfter - committedBefore) / secondsMeasured, slowestWritten, laggedBefore, laggedAfter,
                    maxLag, policyLagAfter, maxPolicyLag, state, processorHot, gatewayHot);
        }

        private long committed(Map<TopicPartition, Long> ends) throws Exception {
            return sum(ends) - broker.lag(BrokerView.PROCESSOR_GROUP, ends);
        }

        Duration drain(Duration within) throws Exception {
            return broker.timeToCommit(BrokerView.PROCESSOR_GROUP, endOffsets(), within,
                    lag -> context.log("processor lags %,d records after the load", lag))
                    .orElseThrow(() -> new IllegalStateException("the processor did not catch up within " + within));
        }

        private static long sum(Map<TopicPartition, Long> offsets) {
            return offsets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** What the measured window showed, and the verdict on what limits the box. */
    record Window(double seconds, Map<Component, Double> cores, double writtenPerSecond, double committedPerSecond,
            double slowestWrittenPerSecond, long lagAtStart, long lagAtEnd, long maxLag, long policyLagAtEnd,
            long maxPolicyLag, StateDirectory state, List<String> processorHot, List<String> gatewayHot) {

        void report(ScenarioResult result, LoadResult pushes, Plan plan) {
            double generatorCores = pushes.allAnswered() > 0 ? (double) pushes.cpuMicros() / pushes.allAnswered()
                    * writtenPerSecond / 1e6 : 0;
            double carried = writtenPerSecond;
            result.metric("window: records written to heartbeats (pushes and ticks)", Math.round(writtenPerSecond),
                    "/s");
            result.metric("window: records written, slowest 10 s", Math.round(slowestWrittenPerSecond), "/s");
            result.metric("window: records the processor committed", Math.round(committedPerSecond), "/s");
            result.metric("window: processor lag at its start", lagAtStart, "records");
            result.metric("window: processor lag at its end", lagAtEnd, "records");
            result.metric("processor lag, largest sample", maxLag, "records");
            result.metric("policy step lag (policy-inputs) at the end of the window", policyLagAtEnd, "records");
            result.metric("policy step lag, largest sample", maxPolicyLag, "records");
            result.metric("processor state on disk at the end of the window", state.bytes() / 1e6, "MB");
            state.byStore().forEach((store, bytes) -> result.metric("  store " + store, bytes / 1e6, "MB"));
            double total = generatorCores;
            for (Map.Entry<Component, Double> entry : cores.entrySet()) {
                String process = entry.getKey().name().toLowerCase(Locale.ROOT);
                result.metric("window: " + process + " CPU", round(entry.getValue()), "cores");
                result.metric("window: " + process + " CPU per record", Math.round(entry.getValue() * 1e6 / carried),
                        "µs");
                total += entry.getValue();
            }
            result.metric("window: load generator CPU (its whole-run average per push)", round(generatorCores),
                    "cores");
            result.metric("window: all processes' CPU", round(total), "cores");
            boolean carriedAll = carried >= CARRIED_SHARE * plan.perSecond();
            boolean keptUp = lagAtEnd <= KEPT_UP_SECONDS * plan.perSecond();
            result.check(String.format(Locale.ROOT, "the push path carries %,d pushes/s for %d s", plan.perSecond(),
                    Math.round(seconds)), String.format(Locale.ROOT, "%,d records/s written", Math.round(carried)),
                    carriedAll);
            result.check("the processor keeps up (lag at most " + KEPT_UP_SECONDS + " s of pushes at the end)",
                    String.format(Locale.ROOT, "%,d records behind, %,d/s committed", lagAtEnd,
                            Math.round(committedPerSecond)), keptUp);
            result.note(verdict(plan, carriedAll, keptUp, total, Runtime.getRuntime().availableProcessors()));
            result.note("Processor CPU profile over the window (JFR, processor.jfr in the scenario folder): "
                    + String.join("; ", processorHot));
            result.note("Gateway CPU profile over the window (JFR, gateway.jfr): " + String.join("; ", gatewayHot));
        }

        /**
         * Which process limits the box, at what rate, and what each would need at the offered rate: its CPU over
         * the window scaled by offered over carried, which assumes CPU grows in proportion to the records (the
         * measured per-record cost, not a model of the next bottleneck).
         */
        String verdict(Plan plan, boolean carriedAll, boolean keptUp, double total, int available) {
            StringBuilder text = new StringBuilder();
            if (carriedAll && keptUp) {
                text.append(String.format(Locale.ROOT, "The box carried %,d pushes/s with %.2f of its %d cores"
                        + " busy.", plan.perSecond(), total, available));
            }
            if (!carriedAll) {
                Map.Entry<Component, Double> busiest = cores.entrySet().stream().max(Map.Entry.comparingByValue())
                        .orElseThrow();
                text.append(String.format(Locale.ROOT, "The push path topped out at %,d records/s of the %,d"
                        + " offered, with %.2f of the box's %d cores busy; the busiest process was the %s (%.2f"
                        + " cores).", Math.round(writtenPerSecond), plan.perSecond(), total, available,
                        busiest.getKey().name().toLowerCase(Locale.ROOT), busiest.getValue()));
            }
            if (!keptUp) {
                text.append(carriedAll ? "" : " ").append(String.format(Locale.ROOT, "The processor topped out at"
                        + " %,d records/s committed against %,d written, with %.2f of the box's %d cores busy (the"
                        + " processor %.2f); its lag went from %,d to %,d records over the window.",
                        Math.round(committedPerSecond), Math.round(writtenPerSecond), total, available,
                        cores.get(Component.PROCESSOR), lagAtStart, lagAtEnd));
            }
            // Each process in proportion to what it handled: the processor to what it committed, the push path
            // (and the generator) to what was written.
            double pushScale = plan.perSecond() / Math.max(1, writtenPerSecond);
            double processorScale = plan.perSecond() / Math.max(1, committedPerSecond);
            if (Math.max(pushScale, processorScale) > 1.0 / CARRIED_SHARE) {
                text.append(" At the offered rate, in proportion to their CPU per record here:");
                double needed = 0;
                for (Map.Entry<Component, Double> entry : cores.entrySet()) {
                    double cores = entry.getValue() * (entry.getKey() == Component.PROCESSOR ? processorScale
                            : pushScale);
                    needed += cores;
                    text.append(String.format(Locale.ROOT, " %s %.2f cores,", entry.getKey().name()
                            .toLowerCase(Locale.ROOT), cores));
                }
                double generator = total - cores.values().stream().mapToDouble(Double::doubleValue).sum();
                text.setLength(text.length() - 1);
                text.append(String.format(Locale.ROOT, "; all together with the load generator %.2f cores of %d.",
                        needed + generator * pushScale, available));
            }
            if (maxPolicyLag > 0) {
                text.append(String.format(Locale.ROOT, " Its policy step, keyed by tenant on `policy-inputs`, lagged"
                        + " up to %,d records (%,d at the end of the window).", maxPolicyLag, policyLagAtEnd));
            }
            text.append(String.format(Locale.ROOT, " The processor is the one stateful process and already runs as"
                    + " several instances sharing the partitions, so a second box running processors takes its"
                    + " %.2f cores off this one.", cores.get(Component.PROCESSOR) * Math.max(1, processorScale)));
            return text.toString();
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }

    private static void pushed(ScenarioResult result, LoadResult pushes, long records) {
        long ok = pushes.allAnswered() - (pushes.failures() - pushes.errors());
        long lost = Math.max(0, ok - records);
        result.metric("pushes answered", pushes.allAnswered(), "");
        result.metric("pushes not 2xx or unanswered", pushes.failures(), "");
        result.metric("push rate over the whole load", Math.round(pushes.perSecond()), "/s");
        result.metric("push latency p50", pushes.p50Micros() / 1e3, "ms");
        result.metric("push latency p99", pushes.p99Micros() / 1e3, "ms");
        result.metric("push latency max", pushes.maxMicros() / 1e3, "ms");
        result.metric("push records written to heartbeats", records, "");
        result.metric("pushes answered 2xx but not written (lost)", lost, "");
        result.metric("load generator CPU per push", pushes.allAnswered() > 0
                ? Math.round((double) pushes.cpuMicros() / pushes.allAnswered() * 10) / 10.0 : 0, "µs");
        result.invariant("every push answered 2xx is on the topic", String.format(Locale.ROOT,
                "%,d answered 2xx, %,d push records, %,d lost", ok, records, lost), lost == 0);
        result.check("every push answered 2xx", pushes.failures() + " not (statuses " + pushes.statuses() + ")",
                pushes.failures() == 0);
    }

    private static void stopped(BenchContext context, ScenarioResult result, ObservedSystem observed,
            List<BenchMonitor> quitters) throws Exception {
        Set<String> ids = ObservedSystem.ids(quitters);
        // They stopped a part of the way into the window, their timeouts are at most a minute, and the processor
        // has caught up: they are all down, and their webhooks are on their way unless the policy stage lags.
        int down = observed.events().awaitDowns(ids, Duration.ofSeconds(30));
        context.log("%,d of %,d stopping monitors down; waiting for their webhooks", down, quitters.size());
        observed.awaitNotifications(down, Duration.ofSeconds(120));
        List<EventWatcher.Down> downs = observed.events().downsOf(ids);
        WebhookTally webhooks = observed.notifications(ids);
        Distribution toEvent = Distribution.of(downs.stream().map(EventWatcher.Down::delayMillis).toList());
        Distribution toWebhook = Distribution.of(webhooks.firstDelayMillis().values());
        result.metric("stopping monitors down", downs.size(), "");
        toEvent.addTo(result, "stopping monitors: deadline → down event");
        toWebhook.addTo(result, "stopping monitors: deadline → webhook");
        observed.addFireDelay(result, "stopping monitors: ");
        result.invariant("every stopping monitor goes down once and is notified once", String.format(Locale.ROOT,
                "%,d down and %,d notified of %,d, %d notified again", downs.size(),
                webhooks.firstDelayMillis().size(), quitters.size(), webhooks.duplicates()),
                downs.size() == quitters.size() && webhooks.firstDelayMillis().size() == downs.size()
                        && webhooks.duplicates() == 0);
        result.check("stopping monitors: deadline → down event p99 under 1.5 s under the load",
                toEvent.p99() + " ms", toEvent.count() > 0 && toEvent.p99() < TARGET_P99_MS);
    }
}
