package io.pushmon.bench.observe;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.metrics.PrometheusText;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.system.PushmonApi;
import io.pushmon.system.PushmonApi.Channel;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;
import io.pushmon.system.WebhookReceiver;

/**
 * The whole of pushmon with everything a detection benchmark watches: a webhook sink on loopback with one channel
 * every benchmark monitor notifies, a read_committed watcher on {@code monitor-events}, and the population writer.
 */
public final class ObservedSystem implements AutoCloseable {

    private static final String HOOK_PATH = "/bench";
    /** The processor's histogram of deadline → the punctuation that emitted the down. */
    public static final String FIRE_DELAY = "pushmon_detector_fire_delay_seconds";

    private final PushmonSystem system;
    private final PushmonApi api;
    private final WebhookReceiver sink;
    private final Channel channel;
    private final EventWatcher events;
    private final Population population;

    private ObservedSystem(PushmonSystem system, WebhookReceiver sink) {
        this.system = system;
        this.sink = sink;
        this.api = new PushmonApi(system);
        this.channel = api.createWebhookChannel("bench-sink", sink.url(HOOK_PATH));
        this.events = EventWatcher.start(system.kafkaBootstrap());
        this.population = new Population(system.kafkaBootstrap());
    }

    /**
     * What the scenarios on an observed system say about the storm guard, which they turn off: they stop every push
     * while their monitors go down, the very picture the guard holds notices on, and they measure the pipeline.
     */
    public static final String STORM_GUARD = "off (pushmon.processor.policy.storm.enabled=false): all pushes stop"
            + " while the monitors go down, which the guard would take for pushmon's own ingest failing";

    /**
     * Starts the broker and the three services with the benchmark JVM settings in the data folder {@code name},
     * {@code adjust} applied to the system first, and the sink.
     */
    public static ObservedSystem start(BenchContext context, String name, UnaryOperator<PushmonSystem.Builder> adjust) {
        PushmonSystem system = adjust.apply(context.system(name)
                .setting(Component.PROCESSOR, "pushmon.processor.policy.storm.enabled", "false")).start();
        WebhookReceiver sink = WebhookReceiver.start();
        try {
            return new ObservedSystem(system, sink);
        } catch (RuntimeException e) {
            sink.close();
            system.close();
            throw e;
        }
    }

    /**
     * Defines monitors notifying the sink and waits until both the gateway and the processor know all of them, so
     * a push or heartbeat that follows finds its monitor everywhere.
     */
    public List<BenchMonitor> define(int count, IntUnaryOperator timeoutSeconds, Duration within) {
        return define(count, List.of(channel.id()), timeoutSeconds, within);
    }

    /**
     * As {@link #define}, but the monitors notify no channel: for populations whose downs a scenario counts on the
     * topic but whose webhooks it does not want at the sink, which keeps every request it receives.
     */
    public List<BenchMonitor> defineUnnotified(int count, IntUnaryOperator timeoutSeconds, Duration within) {
        return define(count, List.of(), timeoutSeconds, within);
    }

    private List<BenchMonitor> define(int count, List<String> channels, IntUnaryOperator timeoutSeconds,
            Duration within) {
        List<BenchMonitor> monitors = population.define(count, channels, timeoutSeconds);
        population.awaitKnownBy(api, within);
        population.awaitTrackedBy(system.url(Component.PROCESSOR), within);
        return monitors;
    }

    public Population population() {
        return population;
    }

    public PushmonSystem system() {
        return system;
    }

    public EventWatcher events() {
        return events;
    }

    /** The sink's down notifications for these monitors so far. */
    public WebhookTally notifications(Set<String> monitorIds) {
        return WebhookTally.of(sink.deliveries(HOOK_PATH), monitorIds, channel.secret());
    }

    /** Waits until the sink has at least this many requests, or the time is up. */
    public long awaitNotifications(long count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long seen = sink.count(HOOK_PATH);
        while (seen < count && System.nanoTime() < deadline) {
            Thread.sleep(250);
            seen = sink.count(HOOK_PATH);
        }
        return seen;
    }

    /** CPU time each process of the system has used so far. */
    public Map<Component, Duration> cpu() {
        Map<Component, Duration> cpu = new EnumMap<>(Component.class);
        for (Component component : Component.values()) {
            cpu.put(component, ProcessCpu.of(system.process(component).pid()));
        }
        return cpu;
    }

    /**
     * Adds the processor's part of the detection delay, where the processor measures it, as p50 and p99 metrics;
     * nothing for builds that do not measure it.
     */
    public void addFireDelay(ScenarioResult result, String prefix) throws IOException, InterruptedException {
        PrometheusText scrape = PrometheusText.scrape(system.url(Component.PROCESSOR));
        if (!scrape.has(FIRE_DELAY + "_count")) {
            return;
        }
        result.metric(prefix + "deadline → fired in the processor p50",
                Math.round(scrape.quantile(FIRE_DELAY, 0.5) * 1e3), "ms");
        result.metric(prefix + "deadline → fired in the processor p99",
                Math.round(scrape.quantile(FIRE_DELAY, 0.99) * 1e3), "ms");
    }

    public static Set<String> ids(List<BenchMonitor> monitors) {
        return monitors.stream().map(BenchMonitor::id).collect(Collectors.toSet());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            events.close();
            population.close();
        } finally {
            try {
                system.close();
            } finally {
                sink.close();
            }
        }
    }
}
