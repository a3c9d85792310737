package io.pushmon.bench.detection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.load.LoadProcess;
import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.load.LoadSpec;
import io.pushmon.bench.metrics.ProcessCpu;
import io.pushmon.bench.observe.EventWatcher;
import io.pushmon.bench.observe.ObservedSystem;
import io.pushmon.bench.observe.SystemVariant;
import io.pushmon.bench.observe.WebhookTally;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.Distribution;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 2: every monitor is pushed once through the gateway and then left to expire, timeouts spread over
 * 10-60 s; per monitor, the time from its deadline to the down event on the topic and to the webhook at the sink.
 */
public final class DetectionDelayScenario implements Scenario {

    private static final long TARGET_P99_MS = 1_500;
    private static final long TARGET_SMALL_P50_MS = 300;
    private static final long TARGET_SMALL_P99_MS = 1_000;
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);
    private static final Duration IDLE_MEASURED = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "detection";
    }

    @Override
    public String title() {
        return "Detection delay: deadline to down event and to webhook, monitors pushed once and left to expire";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int monitors = context.size(10_000, 200);
        IntUnaryOperator timeouts = context.smoke() ? i -> 3 + i % 4 : i -> 10 + i % 51;
        int longestTimeout = context.smoke() ? 6 : 60;
        ScenarioResult result = new ScenarioResult(name(), title()).setting("monitors", monitors)
                .setting("timeouts", context.smoke() ? "3-6 s" : "10-60 s, evenly spread")
                .setting("pushes", "each monitor once through the gateway, 50 connections, from the load generator")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("storm guard", ObservedSystem.STORM_GUARD);
        SystemVariant.describe(context).ifPresent(text -> result.setting("variants", text));
        Optional<SystemVariant> warmUp = SystemVariant.warmUp(context);
        if (warmUp.isPresent()) {
            result.setting("warm-up", "one system of this build first, at the same size, its figures discarded");
            measure(context, new ScenarioResult(name(), title()), warmUp.get(), monitors, timeouts, longestTimeout);
        }
        for (SystemVariant variant : SystemVariant.of(context)) {
            measure(context, result, variant, monitors, timeouts, longestTimeout);
        }
        result.note("Idle CPU is each process's user + system time over 10 s once every down was notified, 5 s"
                + " after the last: what the system costs with nothing due but its ticks and punctuations.");
        result.note("Deadline → fired is the processor's own histogram (" + ObservedSystem.FIRE_DELAY + "): the wall"
                + " clock of the punctuation that emitted the down minus the deadline, which holds the tick interval,"
                + " the margin and the punctuation interval; what the down event adds after it is the commit that"
                + " makes it visible and the consumer's fetch. Its quantiles are interpolated within the histogram's"
                + " buckets, which Micrometer spaces 10-33% of the value apart (about 22 ms near 180 ms, 90 ms"
                + " near 300 ms).");
        result.note("A monitor's deadline is its last heartbeat's broker timestamp plus its timeout: the down"
                + " event's `at`. Arrival times are the harness's clock (same host): the event when a read_committed"
                + " consumer got it, the webhook when the sink got the request.");
        return result;
    }

    private static void measure(BenchContext context, ScenarioResult result, SystemVariant variant, int monitors,
            IntUnaryOperator timeouts, int longestTimeout) throws Exception {
        String at = variant.prefix();
        Path dir = context.workDir().resolve(variant.folder());
        Files.createDirectories(dir);
        try (ObservedSystem observed = ObservedSystem.start(context, variant.folder(), variant.adjust())) {
            context.log("%sdefining %,d monitors", at, monitors);
            List<BenchMonitor> defined = observed.define(monitors, timeouts, Duration.ofMinutes(10));
            Set<String> ids = ObservedSystem.ids(defined);

            context.log("%spushing each once through the gateway", at);
            LoadResult pushes = LoadProcess.run(LoadSpec.eachOnce(observed.system().gatewayUrl(),
                    Population.writeTokens(dir.resolve("tokens.txt"), defined), 50), dir.resolve("pushes.json"));
            result.metric(at + "pushes answered", pushes.requests(), "");
            result.metric(at + "pushes not 2xx or unanswered", pushes.failures(), "");
            result.metric(at + "push rate", Math.round(pushes.perSecond()), "/s");
            result.invariant(at + "every push answered 2xx", pushes.failures() + " not (statuses "
                    + pushes.statuses() + ")", pushes.failures() == 0 && pushes.requests() == monitors);

            Duration wait = Duration.ofSeconds(longestTimeout).plus(Duration.ofSeconds(60));
            context.log("%swaiting up to %s for the down events", at, wait);
            int down = observed.events().awaitDowns(ids, wait);
            context.log("%s%,d of %,d down; waiting for their webhooks", at, down, monitors);
            observed.awaitNotifications(down, Duration.ofSeconds(120));

            List<EventWatcher.Down> downs = observed.events().downsOf(ids);
            WebhookTally webhooks = observed.notifications(ids);
            Distribution toEvent = Distribution.of(downs.stream().map(EventWatcher.Down::delayMillis).toList());
            Distribution toWebhook = Distribution.of(webhooks.firstDelayMillis().values());
            result.metric(at + "monitors down", downs.size(), "");
            toEvent.addTo(result, at + "deadline → down event");
            toWebhook.addTo(result, at + "deadline → webhook");
            observed.addFireDelay(result, at);
            result.metric(at + "webhooks delivered again (same idempotency key)", webhooks.duplicates(), "");
            result.metric(at + "webhooks with a bad signature", webhooks.unsigned(), "");
            idle(observed.system(), result, at);

            result.invariant(at + "every pushed monitor goes down once", downs.size() + " of " + monitors + ", "
                    + observed.events().doubledDowns() + " doubled", downs.size() == monitors
                            && observed.events().doubledDowns() == 0);
            result.invariant(at + "every down notified once, signed", webhooks.firstDelayMillis().size() + " of "
                    + downs.size() + " notified, " + webhooks.duplicates() + " again, " + webhooks.unsigned()
                    + " badly signed", webhooks.firstDelayMillis().size() == downs.size()
                            && webhooks.duplicates() == 0 && webhooks.unsigned() == 0);
            if (!variant.thisBuild()) {
                return;
            }
            String large = scale(monitors, 100_000);
            result.check("deadline → down event p99 under 1.5 s" + large, toEvent.p99() + " ms",
                    toEvent.count() > 0 && toEvent.p99() < TARGET_P99_MS);
            result.check("deadline → webhook p99 under 1.5 s" + large, toWebhook.p99() + " ms",
                    toWebhook.count() == monitors && toWebhook.p99() < TARGET_P99_MS);
            result.check("deadline → down event p50 at most " + TARGET_SMALL_P50_MS + " ms and p99 at most "
                    + TARGET_SMALL_P99_MS + " ms" + scale(monitors, 10_000), toEvent.p50() + " ms / "
                    + toEvent.p99() + " ms", toEvent.count() > 0 && toEvent.p50() <= TARGET_SMALL_P50_MS
                            && toEvent.p99() <= TARGET_SMALL_P99_MS);
        }
    }

    /** CPU of each process with nothing due, once the load and its downs are over. */
    private static void idle(PushmonSystem system, ScenarioResult result, String at) throws InterruptedException {
        Thread.sleep(IDLE_SETTLE.toMillis());
        List<Component> measured = List.of(Component.GATEWAY, Component.PROCESSOR, Component.DISPATCHER,
                Component.KAFKA);
        Map<Component, Duration> before = new EnumMap<>(Component.class);
        measured.forEach(c -> before.put(c, ProcessCpu.of(system.process(c).pid())));
        Thread.sleep(IDLE_MEASURED.toMillis());
        for (Component component : measured) {
            Duration used = ProcessCpu.of(system.process(component).pid()).minus(before.get(component));
            result.metric(at + component.name().toLowerCase(Locale.ROOT) + " CPU while idle",
                    Math.round(used.toNanos() / 1e3 / IDLE_MEASURED.toSeconds()), "µs/s");
        }
    }

    private static String scale(int monitors, int target) {
        return monitors == target ? "" : String.format(Locale.ROOT, " (target set for %,d monitors; measured at %,d)",
                target, monitors);
    }
}
