package io.pushmon.bench.footprint;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.kafka.BrokerView;
import io.pushmon.bench.metrics.HeapHistogram;
import io.pushmon.bench.metrics.StateDirectory;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 5: what each monitor costs to hold. The gateway's live heap (class histograms, each after a full GC)
 * is taken before and after it cached the population; the processor's state is measured on disk after a clean
 * stop (RocksDB flushed, checkpoint written), with its changelog topics on the broker next to it.
 */
public final class FootprintScenario implements Scenario {

    static final int TARGET_HEAP_BYTES = 200;
    static final int TIMEOUT_SECONDS = 3600;
    private static final int HISTOGRAM_ROWS = 12;

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public String title() {
        return "Footprint: gateway heap per cached monitor, processor state bytes per monitor";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int size = context.size(1_000_000, 2_000);
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("monitors", size)
                .setting("population", "tenant default, name bench-<i>, 32-char token, no channels, "
                        + TIMEOUT_SECONDS + " s timeout, one push each")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM));
        try (PushmonSystem system = context.system("system")
                .services(Component.GATEWAY, Component.PROCESSOR)
                .start();
                Population population = new Population(system.kafkaBootstrap());
                BrokerView broker = new BrokerView(system.kafkaBootstrap())) {
            long gateway = system.process(Component.GATEWAY).pid();
            PushmonApi api = new PushmonApi(system);
            // One API call first: the request path loads classes and fills caches on first use, and that belongs
            // in the baseline, not in the cost per monitor.
            api.monitor("00000000-0000-0000-0000-000000000000");
            HeapHistogram before = HeapHistogram.of(gateway);
            context.log("gateway live heap before: %.1f MB; writing %d monitors", before.bytes() / 1e6, size);

            List<BenchMonitor> monitors = population.define(size, List.of(), i -> TIMEOUT_SECONDS);
            population.pushAll(monitors);
            Duration within = Duration.ofSeconds(120 + size / 1_000);
            population.awaitKnownBy(api, within);
            HeapHistogram after = HeapHistogram.of(gateway);
            gatewayHeap(result, size, before, after);

            context.log("waiting for the processor to commit everything");
            Map<TopicPartition, Long> targets = broker.endOffsets(
                    List.of(Topic.MONITORS.topicName(), Topic.HEARTBEATS.topicName()));
            broker.awaitCommitted(BrokerView.PROCESSOR_GROUP, targets, within,
                    lag -> context.log("processor lags %d records", lag));
            // Only a clean stop flushes the stores and writes the checkpoint, so only then is the size on disk
            // what the processor keeps.
            boolean clean = system.stop(Component.PROCESSOR);
            result.invariant("the processor stops cleanly on SIGTERM before its state is measured",
                    clean ? "stopped within 15 s" : "killed after 15 s", clean);
            processorState(result, size, StateDirectory.measure(system.dataDir().resolve("processor")),
                    broker.topicBytes());
        }
        return result;
    }

    private static void gatewayHeap(ScenarioResult result, int size, HeapHistogram before, HeapHistogram after) {
        double perMonitor = (double) (after.bytes() - before.bytes()) / size;
        result.metric("gateway live heap before load", before.bytes() / 1e6, "MB")
                .metric("gateway live heap with all monitors cached", after.bytes() / 1e6, "MB")
                .metric("gateway heap per cached monitor", perMonitor, "B")
                .check("gateway heap per cached monitor under " + TARGET_HEAP_BYTES + " B",
                        String.format("%.0f B", perMonitor), perMonitor < TARGET_HEAP_BYTES);
        StringBuilder growth = new StringBuilder("Gateway heap growth by class (live objects after a full GC,"
                + " jcmd GC.class_histogram), per cached monitor:");
        for (HeapHistogram.Change change : after.growthSince(before, HISTOGRAM_ROWS)) {
            growth.append(String.format("%n- `%s`: %.2f instances, %.1f B", change.className(),
                    (double) change.instances() / size, (double) change.bytes() / size));
        }
        result.note(growth.toString());
    }

    private static void processorState(ScenarioResult result, int size, StateDirectory state,
            Map<String, Long> topicBytes) {
        result.metric("processor state dir after a clean stop", state.bytes() / 1e6, "MB")
                .metric("processor state bytes per monitor", (double) state.bytes() / size, "B");
        state.byStore().forEach((store, bytes) ->
                result.metric("  store " + store + " per monitor", (double) bytes / size, "B"));
        String prefix = BrokerView.PROCESSOR_GROUP + "-";
        long changelogs = topicBytes.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(Map.Entry::getValue).sum();
        result.metric("changelog topics on the broker per monitor", (double) changelogs / size, "B");
        topicBytes.forEach((topic, bytes) -> {
            if (topic.startsWith(prefix)) {
                result.metric("  " + topic.substring(prefix.length()) + " per monitor", (double) bytes / size, "B");
            }
        });
        for (Topic<?, ?> topic : List.of(Topic.MONITORS, Topic.HEARTBEATS)) {
            result.metric("topic " + topic.topicName() + " per monitor",
                    (double) topicBytes.getOrDefault(topic.topicName(), 0L) / size, "B");
        }
        result.note("State and changelog sizes are as on disk right after the load: RocksDB files and log segments"
                + " not yet compacted, so a key written twice (definition, then the push) may count twice. Each"
                + " monitor has one push in its heartbeat history; the history keeps up to 100, so a monitor that"
                + " pushed 100 times holds up to 100x the heartbeat-history figure.");
    }
}
