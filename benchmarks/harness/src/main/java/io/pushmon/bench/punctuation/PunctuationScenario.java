package io.pushmon.bench.punctuation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.kafka.BrokerView;
import io.pushmon.bench.metrics.PrometheusText;
import io.pushmon.bench.metrics.StateDirectory;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 3: what one deadline punctuation costs when nothing is due, with a small and a large population.
 * Each size runs on a fresh system (broker, gateway for the ticks, processor on RocksDB as deployed): the
 * monitors are defined with a one-hour timeout and pushed once, so every deadline is armed and none falls due;
 * once the processor has committed all of it, the detector's meters are read over a quiet window.
 */
public final class PunctuationScenario implements Scenario {

    static final int TIMEOUT_SECONDS = 3600;
    /**
     * Micrometer's maximum covers the last two minutes, so the window ends 2 min after the load: the maximum
     * then comes from idle punctuations only, as the mean does.
     */
    static final Duration QUIET_FULL = Duration.ofSeconds(95);
    static final Duration WINDOW_FULL = Duration.ofSeconds(30);
    /** Wall clock minus heartbeat time per partition: a blind detector skips its scan, which would flatter it. */
    private static final String BLIND = "pushmon_detector_blind_seconds";

    @Override
    public String name() {
        return "punctuation";
    }

    @Override
    public String title() {
        return "Punctuation cost against population: monitors that are not due";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int small = context.smoke() ? 200 : 10_000;
        int large = context.size(1_000_000, 2_000);
        Duration quiet = context.duration(QUIET_FULL, Duration.ofSeconds(1));
        Duration window = context.duration(WINDOW_FULL, Duration.ofSeconds(2));
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("populations", small + " and " + large + " monitors, each on a fresh system")
                .setting("monitor timeout", TIMEOUT_SECONDS + " s, one push each (all armed, none due)")
                .setting("quiet time after load", quiet.toSeconds() + " s")
                .setting("measured window", window.toSeconds() + " s")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("punctuation", "every 250 ms per task, 12 tasks, RocksDB stores (service defaults)");

        Measured smallRun = measure(context, small, quiet, window);
        smallRun.addTo(result);
        Measured largeRun = measure(context, large, quiet, window);
        largeRun.addTo(result);

        double ratio = largeRun.window().meanMicros() / smallRun.window().meanMicros();
        result.metric("mean duration ratio " + large + " / " + small, ratio, "x");
        result.check("mean punctuation time at " + large + " within 2x of " + small,
                String.format("%.1f µs vs %.1f µs (%.2fx)", largeRun.window().meanMicros(),
                        smallRun.window().meanMicros(), ratio), ratio <= 2.0);
        double touchedSmall = smallRun.window().touchedPerPunctuation();
        double touchedLarge = largeRun.window().touchedPerPunctuation();
        result.check("index entries touched per punctuation at " + large + " within 2x of " + small,
                String.format("%.2f vs %.2f", touchedLarge, touchedSmall), touchedLarge <= 2 * touchedSmall);
        long fired = smallRun.window().eventsSinceStart() + largeRun.window().eventsSinceStart();
        result.invariant("no monitor that is not due changes status", fired + " status changes emitted", fired == 0);
        result.note("Mean time and entries per punctuation are deltas of the processor's own meters"
                + " (pushmon.detector.punctuation.duration, pushmon.detector.index.entries.touched,"
                + " pushmon.detector.due.entries) between two scrapes of /q/metrics, summed over all tasks.");
        result.note(context.smoke()
                ? "Smoke run: the window follows the load at once, so the maximum may include load-time"
                        + " punctuations."
                : "Max is Micrometer's rolling maximum (last 2 min); the window ends "
                        + (quiet.plus(window).toSeconds()) + " s after the load, so it covers idle punctuations.");
        result.note("State size is the processor's RocksDB directory while it runs (memtables not flushed);"
                + " the footprint scenario measures it after a clean stop.");
        return result;
    }

    private Measured measure(BenchContext context, int size, Duration quiet, Duration window) throws Exception {
        context.log("%d monitors: starting broker, gateway and processor", size);
        try (PushmonSystem system = context.system("system-" + size)
                .services(Component.GATEWAY, Component.PROCESSOR)
                .start();
                Population population = new Population(system.kafkaBootstrap());
                BrokerView broker = new BrokerView(system.kafkaBootstrap())) {
            long started = System.nanoTime();
            List<BenchMonitor> monitors = population.define(size, List.of(), i -> TIMEOUT_SECONDS);
            population.pushAll(monitors);
            double written = seconds(started);
            context.log("%d monitors: written in %.1f s; waiting for the processor", size, written);
            Map<TopicPartition, Long> targets = broker.endOffsets(
                    List.of(Topic.MONITORS.topicName(), Topic.HEARTBEATS.topicName()));
            broker.awaitCommitted(BrokerView.PROCESSOR_GROUP, targets, Duration.ofSeconds(120 + size / 1_000),
                    lag -> context.log("%d monitors: processor lags %d records", size, lag));
            double loaded = seconds(started);
            context.log("%d monitors: processed after %.1f s; quiet for %d s, then measuring for %d s", size, loaded,
                    quiet.toSeconds(), window.toSeconds());
            Thread.sleep(quiet.toMillis());
            String processor = system.url(Component.PROCESSOR);
            PrometheusText before = PrometheusText.scrape(processor);
            Thread.sleep(window.toMillis());
            PrometheusText after = PrometheusText.scrape(processor);
            PunctuationWindow measured = PunctuationWindow.between(before, after);
            double blind = after.has(BLIND) ? after.max(BLIND) : Double.NaN;
            long stateBytes = StateDirectory.measure(system.dataDir().resolve("processor")).bytes();
            context.log("%d monitors: %d punctuations, mean %.1f µs, %.2f entries touched each", size,
                    measured.punctuations(), measured.meanMicros(), measured.touchedPerPunctuation());
            return new Measured(size, written, loaded, measured, blind, stateBytes);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** One population's figures. */
    private record Measured(int size, double writtenSeconds, double loadedSeconds, PunctuationWindow window,
            double blindSeconds, long stateBytes) {

        void addTo(ScenarioResult result) {
            String at = size + " monitors: ";
            result.metric(at + "written to the topics", writtenSeconds, "s")
                    .metric(at + "processed (committed by the processor)", loadedSeconds, "s")
                    .metric(at + "punctuations in window", window.punctuations(), "")
                    .metric(at + "mean punctuation time", window.meanMicros(), "µs")
                    .metric(at + "max punctuation time", window.maxMicros(), "µs")
                    .metric(at + "index entries touched per punctuation", window.touchedPerPunctuation(), "")
                    .metric(at + "due entries per punctuation", window.duePerPunctuation(), "")
                    .metric(at + "processor GC pauses in window", window.gcPauseMillis(), "ms")
                    .metric(at + "processor CPU in window", window.cpuSeconds(), "s")
                    .metric(at + "machine load average (1 min) at the end", window.loadAverage(), "")
                    .metric(at + "detector blind at the end (max over partitions)", blindSeconds, "s")
                    .metric(at + "processor state dir after load", stateBytes / 1e6, "MB");
        }
    }
}
