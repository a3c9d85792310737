package io.pushmon.bench.storm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.metrics.FlightRecording;
import io.pushmon.bench.observe.EventWatcher;
import io.pushmon.bench.observe.ObservedSystem;
import io.pushmon.bench.observe.SystemVariant;
import io.pushmon.bench.observe.WebhookTally;
import io.pushmon.bench.population.BenchMonitor;
import io.pushmon.bench.report.Distribution;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 4: a hundred thousand monitors whose deadlines fall in the same second, each notifying a webhook:
 * how long until every down event is on the topic and every notification at the sink, and whether any came twice.
 */
public final class AlertStormScenario implements Scenario {

    private static final long EVENTS_TARGET_MS = 10_000;
    private static final long WEBHOOKS_TARGET_MS = 30_000;

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public String title() {
        return "Alert storm: monitors whose deadlines fall in the same second, each with a webhook";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int monitors = context.size(100_000, 300);
        int timeoutSeconds = context.smoke() ? 5 : 30;
        ScenarioResult result = new ScenarioResult(name(), title()).setting("monitors", monitors)
                .setting("timeout", timeoutSeconds + " s")
                .setting("heartbeats", "one per monitor written to `heartbeats` in one producer burst (the gateway"
                        + " cannot take 100,000 pushes within one second on this machine), so the deadlines share"
                        + " about a second")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM))
                .setting("storm guard", ObservedSystem.STORM_GUARD);
        SystemVariant.describe(context).ifPresent(text -> result.setting("variants", text));
        for (SystemVariant variant : SystemVariant.of(context)) {
            storm(context, result, variant, monitors, timeoutSeconds);
        }
        result.note("\"first deadline → last webhook\" adds the deadline spread to the slowest monitor's own"
                + " deadline-to-webhook time, so it is an upper bound of the storm's length.");
        return result;
    }

    private static void storm(BenchContext context, ScenarioResult result, SystemVariant variant, int monitors,
            int timeoutSeconds) throws Exception {
        String at = variant.prefix();
        try (ObservedSystem observed = ObservedSystem.start(context, variant.folder(), variant.adjust())) {
            context.log(at + "defining %,d monitors", monitors);
            List<BenchMonitor> defined = observed.define(monitors, i -> timeoutSeconds, Duration.ofMinutes(10));
            Set<String> ids = ObservedSystem.ids(defined);

            context.log(at + "one heartbeat each, in one burst");
            long burstStart = System.currentTimeMillis();
            observed.population().pushAll(defined);
            result.metric(at + "heartbeat burst", System.currentTimeMillis() - burstStart, "ms");

            // CPU of each process over the storm, and where the processor spends it, show what limits it.
            Map<Component, Duration> cpuBefore = observed.cpu();
            FlightRecording profile = FlightRecording.start(observed.system().process(Component.PROCESSOR).pid(),
                    context.workDir().resolve(variant.folder() + "-processor.jfr"));
            context.log(at + "waiting for %,d down events", monitors);
            observed.events().awaitDowns(ids, Duration.ofSeconds(timeoutSeconds + 90));
            Map<Component, Duration> cpuAtLastDown = observed.cpu();
            List<String> hot = FlightRecording.hotMethods(profile.stop(), "io.pushmon", 10);
            context.log(at + "waiting for their webhooks");
            observed.awaitNotifications(monitors, Duration.ofSeconds(180));
            Map<Component, Duration> cpuAfter = observed.cpu();
            for (Component component : cpuAfter.keySet()) {
                result.metric(at + "CPU until the last down: " + component.name().toLowerCase(Locale.ROOT),
                        cpuAtLastDown.get(component).minus(cpuBefore.get(component)).toMillis() / 1000.0, "s");
                result.metric(at + "CPU until the last webhook: " + component.name().toLowerCase(Locale.ROOT),
                        cpuAfter.get(component).minus(cpuBefore.get(component)).toMillis() / 1000.0, "s");
            }
            result.note(at + "processor CPU profile from the burst to the last down event (JFR execution samples,"
                    + " " + variant.folder() + "-processor.jfr in the scenario folder): " + String.join("; ", hot));

            List<EventWatcher.Down> downs = observed.events().downsOf(ids);
            WebhookTally webhooks = observed.notifications(ids);
            long firstDeadline = downs.stream().mapToLong(d -> d.event().at().toEpochMilli()).min().orElse(0);
            long lastDeadline = downs.stream().mapToLong(d -> d.event().at().toEpochMilli()).max().orElse(0);
            long lastEvent = downs.stream().mapToLong(EventWatcher.Down::receivedAtMillis).max().orElse(0) - firstDeadline;
            long lastWebhook = webhooks.firstDelayMillis().values().stream().mapToLong(Long::longValue).max().orElse(0)
                    + lastDeadline - firstDeadline;
            result.metric(at + "deadline spread (last − first)", lastDeadline - firstDeadline, "ms");
            result.metric(at + "down events on the topic", downs.size(), "");
            result.metric(at + "first deadline → last down event", lastEvent, "ms");
            result.metric(at + "down events per second", rate(downs.size(), lastEvent), "/s");
            Distribution.of(downs.stream().map(EventWatcher.Down::delayMillis).toList())
                    .addTo(result, at + "deadline → down event");
            result.metric(at + "webhooks received (distinct monitors)", webhooks.firstDelayMillis().size(), "");
            result.metric(at + "first deadline → last webhook (upper bound)", lastWebhook, "ms");
            result.metric(at + "webhooks per second", rate(webhooks.firstDelayMillis().size(), lastWebhook), "/s");
            Distribution.of(webhooks.firstDelayMillis().values()).addTo(result, at + "deadline → webhook");
            result.metric(at + "webhooks received twice (same idempotency key)", webhooks.duplicates(), "");

            result.invariant(at + "every monitor down once and notified", String.format(Locale.ROOT,
                    "%,d down, %,d notified of %,d", downs.size(), webhooks.firstDelayMillis().size(), monitors),
                    downs.size() == monitors && webhooks.firstDelayMillis().size() == monitors);
            result.invariant(at + "no notification twice", webhooks.duplicates() + " duplicates, "
                    + observed.events().doubledDowns() + " doubled down events",
                    webhooks.duplicates() == 0 && observed.events().doubledDowns() == 0);
            if (!variant.thisBuild()) {
                return;
            }
            result.check("all down events on the topic within 10 s", String.format(Locale.ROOT,
                    "%,d of %,d, the last %.1f s after the first deadline", downs.size(), monitors, lastEvent / 1000.0),
                    downs.size() == monitors && lastEvent <= EVENTS_TARGET_MS);
            result.check("all notifications received within 30 s", String.format(Locale.ROOT,
                    "%,d of %,d, the last at most %.1f s after the first deadline", webhooks.firstDelayMillis().size(),
                    monitors, lastWebhook / 1000.0),
                    webhooks.firstDelayMillis().size() == monitors && lastWebhook <= WEBHOOKS_TARGET_MS);
        }
    }

    private static double rate(long count, long millis) {
        return millis > 0 ? Math.round(count * 10_000.0 / millis) / 10.0 : 0;
    }
}
