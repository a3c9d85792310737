package io.pushmon.bench.detection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntUnaryOperator;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.load.LoadProcess;
import io.pushmon.bench.load.LoadResult;
import io.pushmon.bench.load.LoadSpec;
import io.pushmon.bench.observe.EventWatcher;
import io.pushmon.bench.observe.ObservedSystem;
import io.pushmon.bench.observe.WebhookTally;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.population.Population;
import io.pushmon.bench.report.Distribution;
import io.pushmon.bench.report.ScenarioResult;

/**
 * Scenario 2: every monitor is pushed once through the gateway and then left to expire, timeouts spread over
 * 10-60 s; per monitor, the time from its deadline to the down event on the topic and to the webhook at the sink.
 */
public final class DetectionDelayScenario implements Scenario {

    private static final long TARGET_P99_MS = 1_500;

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
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM));
        Path dir = context.workDir();
        try (ObservedSystem observed = ObservedSystem.start(context)) {
            context.log("defining %,d monitors", monitors);
            List<BenchMonitor> defined = observed.define(monitors, timeouts, Duration.ofMinutes(10));
            Set<String> ids = ObservedSystem.ids(defined);

            context.log("pushing each once through the gateway");
            LoadResult pushes = LoadProcess.run(LoadSpec.eachOnce(observed.system().gatewayUrl(),
                    Population.writeTokens(dir.resolve("tokens.txt"), defined), 50), dir.resolve("pushes.json"));
            result.metric("pushes answered", pushes.requests(), "");
            result.metric("pushes not 2xx or unanswered", pushes.failures(), "");
            result.metric("push rate", Math.round(pushes.perSecond()), "/s");
            result.invariant("every push answered 2xx", pushes.failures() + " not (statuses " + pushes.statuses() + ")",
                    pushes.failures() == 0 && pushes.requests() == monitors);

            Duration wait = Duration.ofSeconds(longestTimeout).plus(Duration.ofSeconds(60));
            context.log("waiting up to %s for the down events", wait);
            int down = observed.events().awaitDowns(ids, wait);
            context.log("%,d of %,d down; waiting for their webhooks", down, monitors);
            observed.awaitNotifications(down, Duration.ofSeconds(120));

            List<EventWatcher.Down> downs = observed.events().downsOf(ids);
            WebhookTally webhooks = observed.notifications(ids);
            Distribution toEvent = Distribution.of(downs.stream().map(EventWatcher.Down::delayMillis).toList());
            Distribution toWebhook = Distribution.of(webhooks.firstDelayMillis().values());
            result.metric("monitors down", downs.size(), "");
            toEvent.addTo(result, "deadline → down event");
            toWebhook.addTo(result, "deadline → webhook");
            result.metric("webhooks delivered again (same idempotency key)", webhooks.duplicates(), "");
            result.metric("webhooks with a bad signature", webhooks.unsigned(), "");

            String scale = monitors == 100_000 ? "" : " (target set for 100,000 monitors; measured at "
                    + String.format(Locale.ROOT, "%,d", monitors) + ")";
            result.invariant("every pushed monitor goes down once", downs.size() + " of " + monitors + ", "
                    + observed.events().doubledDowns() + " doubled", downs.size() == monitors
                            && observed.events().doubledDowns() == 0);
            result.invariant("every down notified once, signed", webhooks.firstDelayMillis().size() + " of "
                    + downs.size() + " notified, " + webhooks.duplicates() + " again, " + webhooks.unsigned()
                    + " badly signed", webhooks.firstDelayMillis().size() == downs.size()
                            && webhooks.duplicates() == 0 && webhooks.unsigned() == 0);
            result.check("deadline → down event p99 under 1.5 s" + scale, toEvent.p99() + " ms",
                    toEvent.count() > 0 && toEvent.p99() < TARGET_P99_MS);
            result.check("deadline → webhook p99 under 1.5 s" + scale, toWebhook.p99() + " ms",
                    toWebhook.count() == monitors && toWebhook.p99() < TARGET_P99_MS);
        }
        result.note("A monitor's deadline is its last heartbeat's broker timestamp plus its timeout: the down"
                + " event's `at`. Arrival times are the harness's clock (same host): the event when a read_committed"
                + " consumer got it, the webhook when the sink got the request.");
        return result;
    }
}
