package io.pushmon.bench.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.kafka.BrokerView;
import io.pushmon.bench.metrics.FlightRecording;
import io.pushmon.bench.observe.EventWatcher;
import io.pushmon.bench.report.Distribution;
import io.pushmon.bench.report.Machine;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.common.topics.Topic;
import io.pushmon.system.PushmonSystem;
import io.pushmon.system.PushmonSystem.Component;

/**
 * Scenario 8: what the dashboard's overview costs to serve. A tenant signed up through the API (the verification
 * mail read from an SMTP server in this JVM) has N monitors, each pushed with values (a full sparkline) and 5% of
 * them down once and back (an incident in their uptime bar); its {@code GET /app} is requested one at a time with
 * its session cookie, and each answer's {@code Server-Timing} (model, render) is read beside the time to its last
 * byte. A second tenant with 100 monitors is requested in alternate rounds in the same run, so the ratio between
 * the two is measured on the same noisy machine.
 */
public final class DashboardScenario implements Scenario {

    /** The target: the server's time for the overview of 1,000 monitors, p99. */
    static final double TARGET_P99_MILLIS = 200;
    static final int TARGET_SIZE = 1_000;
    /** The tenant the target size is compared with. */
    private static final int COMPARED_SIZE = 100;
    /** Requests of each tenant per round; rounds alternate between the tenants. */
    private static final int ROUND = 10;
    /** The harness's CPU per request above this share of the median time to last byte distorts the figures. */
    private static final double HARNESS_SHARE = 0.10;
    /** Longest wait after the setup for the machine's 1-minute load average to fall below its core count. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public String title() {
        return "Dashboard overview: server time (model, render) and time to last byte of GET /app for a tenant's"
                + " monitors, beside a tenant of 100";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int size = context.size(TARGET_SIZE, 20);
        int compared = context.smoke() ? 5 : COMPARED_SIZE;
        List<Integer> sizes = size > compared ? List.of(compared, size) : List.of(size);
        int warmup = context.smoke() ? 2 : 20;
        int measured = context.smoke() ? 5 : 60;
        int gzipped = context.smoke() ? 2 : 20;
        int profiled = context.smoke() ? 2 : 30;
        int pushes = context.smoke() ? 3 : DashboardTenant.SPARK_POINTS;
        int shortTimeout = context.smoke() ? 3 : 5;
        Path dir = context.workDir();
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("tenants", sizes.stream().map(n -> String.format(Locale.ROOT, "%,d monitors", n))
                        .collect(Collectors.joining(" and ")))
                .setting("monitors", "interval (1 h) and every 10th cron (0 3 * * *, Europe/Berlin), two tags each,"
                        + " pushed " + pushes + " times with a value; every " + DashboardTenant.FLAKY_EVERY
                        + "th on a " + shortTimeout + " s timeout, left to go down, then set to 1 h and pushed"
                        + " again (one closed incident)")
                .setting("requests", "sequential, one connection (HTTP/1.1 keep-alive), session cookie; " + warmup
                        + " warm-up and " + measured + " measured per tenant, in rounds of " + ROUND
                        + " alternating between the tenants, then " + gzipped + " per tenant with Accept-Encoding:"
                        + " gzip; then, not in the figures, " + profiled + " of the largest with the gateway under JFR and"
                        + " the processor's batch read asked directly, then under JFR")
                .setting("gateway settings", "pushmon.tenancy.new-tenant-plan=unlimited, mail to GreenMail on"
                        + " loopback")
                .setting("service JVM", String.join(" ", BenchContext.SERVICE_JVM));

        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (PushmonSystem system = context.system("system")
                .setting(Component.GATEWAY, "pushmon.tenancy.new-tenant-plan", "unlimited")
                .setting(Component.GATEWAY, "quarkus.mailer.host", "127.0.0.1")
                .setting(Component.GATEWAY, "quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort()))
                .setting(Component.GATEWAY, "quarkus.mailer.from", "pushmon@bench.example")
                .setting(Component.GATEWAY, "quarkus.mailer.start-tls", "DISABLED")
                .setting(Component.GATEWAY, "quarkus.mailer.mock", "false")
                .start()) {
            DashboardClient client = new DashboardClient(system.gatewayUrl());
            Map<Integer, DashboardTenant> tenants = new LinkedHashMap<>();
            try (EventWatcher events = EventWatcher.start(system.kafkaBootstrap())) {
                for (int n : sizes) {
                    context.log("signing up the tenant of %,d monitors and creating them", n);
                    DashboardTenant tenant = DashboardTenant.signUp(client, smtp, system, "bench-" + n + "-"
                            + System.nanoTime() + "@example.org", n, shortTimeout);
                    tenant.pushAll(pushes);
                    tenants.put(n, tenant);
                }
                Set<String> flaky = new TreeSet<>();
                tenants.values().forEach(t -> flaky.addAll(t.flakyIds()));
                context.log("waiting for %d monitors on a %d s timeout to go down", flaky.size(), shortTimeout);
                int down = events.awaitDowns(flaky, Duration.ofSeconds(shortTimeout + 60));
                result.invariant("every monitor on a short timeout goes down", down + " of " + flaky.size(),
                        down == flaky.size());
                for (DashboardTenant tenant : tenants.values()) {
                    tenant.recover();
                }
            }
            long pushFailures = tenants.values().stream().mapToLong(DashboardTenant::pushFailures).sum();
            long pushesSent = tenants.values().stream().mapToLong(DashboardTenant::pushesSent).sum();
            result.invariant("every push answered 2xx", pushFailures + " of " + pushesSent + " not",
                    pushFailures == 0);

            context.log("waiting until every overview shows every monitor up, with its sparkline and incidents");
            for (DashboardTenant tenant : tenants.values()) {
                PageContent content = tenant.awaitComplete(Duration.ofSeconds(90));
                String at = at(tenant.size());
                result.invariant("the overview shows every monitor up, with a sparkline, and an incident for each"
                        + " flaky one" + at, content.describe(), content.complete(tenant.size(),
                                tenant.flakyIds().size()));
            }

            // The pages must not be measured while the processor still works through the setup's pushes, nor while
            // the load they left on the machine fades.
            try (BrokerView broker = new BrokerView(system.kafkaBootstrap())) {
                context.log("waiting for the processor to commit every definition and push");
                broker.awaitCommitted(BrokerView.PROCESSOR_GROUP, broker.endOffsets(List.of(
                        Topic.MONITORS.topicName(), Topic.HEARTBEATS.topicName())), Duration.ofMinutes(2),
                        lag -> context.log("processor lags %,d records", lag));
            }
            Optional<Duration> settled = settle(context, context.smoke() ? Duration.ZERO : SETTLE_LIMIT);
            result.setting("settle", settled.map(d -> String.format(Locale.ROOT,
                    "1-minute load average below the cores %.0f s after the setup", d.toMillis() / 1000.0))
                    .orElse("load average not below the cores within " + SETTLE_LIMIT.toSeconds() + " s (or a smoke"
                            + " run); measured anyway"));

            Measurement measurement = new Measurement(client, tenants, ROUND);
            context.log("warm-up: %d requests per tenant", warmup);
            measurement.run(warmup, false, null);
            context.log("measured: %d requests per tenant", measured);
            long gatewayPid = system.process(Component.GATEWAY).pid();
            long processorPid = system.process(Component.PROCESSOR).pid();
            double loadBefore = loadAverage();
            Map<Integer, Measurement.Series> plain = measurement.run(measured, false,
                    new long[] { gatewayPid, processorPid });
            double loadAfter = loadAverage();
            context.log("with Accept-Encoding: gzip: %d requests per tenant", gzipped);
            Map<Integer, Measurement.Series> gzip = measurement.run(gzipped, true, null);

            for (int n : sizes) {
                report(result, n, plain.get(n), gzip.get(n));
            }
            if (sizes.size() == 2) {
                ratios(result, plain.get(sizes.get(0)), plain.get(sizes.get(1)), sizes);
            }
            for (int n : sizes) {
                PageContent last = PageContent.of(plain.get(n).lastBody());
                result.invariant("every answer 200 with Server-Timing model and render (gzipped when asked), the"
                        + " last one still complete" + at(n), String.format(Locale.ROOT, "%d of %d not, %d of %d"
                                + " gzipped not; last: %s", plain.get(n).failures(), plain.get(n).count(),
                                gzip.get(n).failures(), gzip.get(n).count(), last.describe()),
                        plain.get(n).failures() == 0 && gzip.get(n).failures() == 0
                                && last.complete(n, tenants.get(n).flakyIds().size()));
            }

            Measurement.Series target = plain.get(size);
            String scale = size == TARGET_SIZE ? "" : " (target set for 1,000 monitors; measured at "
                    + String.format(Locale.ROOT, "%,d", size) + ")";
            double p99 = target.server().p99() / 1000.0;
            result.check("p99 server time (model + render) under 200 ms for the overview of 1,000 monitors" + scale,
                    String.format(Locale.ROOT, "%.1f ms", p99), target.count() > 0 && p99 < TARGET_P99_MILLIS);
            double harnessMicros = target.harnessCpuMicros() / (double) Math.max(1, target.count());
            double ttlbMedian = target.ttlb().p50();
            result.warning("the harness's CPU per request under " + Math.round(HARNESS_SHARE * 100) + "% of the"
                    + " median time to last byte" + at(size), String.format(Locale.ROOT, "%.1f ms of %.1f ms",
                            harnessMicros / 1000, ttlbMedian / 1000), harnessMicros < HARNESS_SHARE * ttlbMedian);
            int cores = Runtime.getRuntime().availableProcessors();
            result.warning("1-minute load average below the core count before and after the measured requests",
                    String.format(Locale.ROOT, "%.2f before, %.2f after, %d cores", loadBefore, loadAfter, cores),
                    loadBefore < cores && loadAfter < cores);
            result.metric("load average (1 min) before the measured requests", loadBefore, "")
                    .metric("load average (1 min) after the measured requests", loadAfter, "");

            profile(context, result, client, tenants.get(size), gatewayPid, profiled, dir);
            processorReads(result, client, tenants, system, context.smoke() ? 2 : 20, dir);
        } finally {
            smtp.stop();
        }
        result.note("Server-Timing is taken by the gateway's OverviewPage around OverviewModel.build (with the"
                + " page's shell) and around rendering the Qute template to a String; it leaves out the filters,"
                + " writing the answer and compression. Time to last byte is the harness's clock from sending the"
                + " request until the whole body was read, on loopback.");
        result.note("CPU per page is each process's CPU time (from the OS by pid, in 10 ms ticks; the harness's own"
                + " from its JVM) over a tenant's rounds divided by its requests: background work in those rounds"
                + " (the processor's punctuations, the gateway's topic followers) is in it, which weighs most on"
                + " the small tenant's short rounds.");
        result.note("The harness, the broker and the three services share the machine's cores; the requests are"
                + " sequential, so the figures are one user's page loads on a machine that also runs the"
                + " processor's punctuations and the gateway's other work.");
        return result;
    }

    private static void report(ScenarioResult result, int n, Measurement.Series plain, Measurement.Series gzip) {
        String at = at(n);
        millis(result, "server model" + at, plain.model());
        millis(result, "server render" + at, plain.render());
        millis(result, "server model + render" + at, plain.server());
        millis(result, "time to last byte" + at, plain.ttlb());
        millis(result, "time to last byte, gzip" + at, gzip.ttlb());
        result.metric("page size" + at, plain.medianBytes(), "B")
                .metric("page size gzip" + at, gzip.medianBytes(), "B")
                .metric("page bytes per monitor" + at, (double) plain.medianBytes() / n, "B");
        double requests = Math.max(1, plain.count());
        result.metric("gateway CPU per page" + at, plain.serverCpuMicros()[0] / requests / 1000, "ms")
                .metric("processor CPU per page" + at, plain.serverCpuMicros()[1] / requests / 1000, "ms")
                .metric("harness CPU per page (process)" + at, plain.harnessCpuMicros() / requests / 1000, "ms")
                .metric("harness CPU, share of the measured requests' wall time" + at,
                        100.0 * plain.harnessCpuMicros() / Math.max(1, plain.wallMicros()), "%");
    }

    private static void ratios(ScenarioResult result, Measurement.Series small, Measurement.Series large,
            List<Integer> sizes) {
        String of = String.format(Locale.ROOT, " (%,d / %,d monitors, p50)", sizes.get(1), sizes.get(0));
        result.metric("ratio server model" + of, ratio(large.model().p50(), small.model().p50()), "x")
                .metric("ratio server render" + of, ratio(large.render().p50(), small.render().p50()), "x")
                .metric("ratio time to last byte" + of, ratio(large.ttlb().p50(), small.ttlb().p50()), "x")
                .metric("ratio page size" + of, ratio(large.medianBytes(), small.medianBytes()), "x");
    }

    /**
     * A JFR profile of the gateway over more requests of the largest tenant, after the measured ones so the
     * recorder's cost is not in the figures: where the page's CPU goes.
     */
    private static void profile(BenchContext context, ScenarioResult result, DashboardClient client,
            DashboardTenant tenant, long gatewayPid, int requests, Path dir) throws Exception {
        context.log("profiling the gateway over %d requests of the %,d-monitor overview", requests, tenant.size());
        Path jfr = dir.resolve("gateway-dashboard.jfr");
        FlightRecording recording = FlightRecording.start(gatewayPid, jfr);
        for (int i = 0; i < requests; i++) {
            client.page(tenant.session(), false);
        }
        Path file = recording.stop();
        List<String> lines = new ArrayList<>(FlightRecording.hotMethods(file, "io.pushmon", 12));
        FlightRecording.hotMethods(file, "io.quarkus.qute", 6).stream().filter(l -> l.startsWith("total"))
                .forEach(lines::add);
        result.note("Gateway CPU profile over " + requests + " requests of the " + String.format(Locale.ROOT, "%,d",
                tenant.size()) + "-monitor overview (JFR execution samples of running Java threads, after the"
                + " measured requests; gateway-dashboard.jfr in the scenario folder; time waiting for the processor"
                + " is not sampled): " + String.join("; ", lines));
    }

    /**
     * The processor's batch read of a tenant's states and sparkline points, asked directly (as the gateway asks it
     * in OverviewModel.build): the part of the model's time spent in the processor and on the way.
     */
    private static void processorReads(ScenarioResult result, DashboardClient client,
            Map<Integer, DashboardTenant> tenants, PushmonSystem system, int requests, Path dir) throws Exception {
        String processor = system.url(Component.PROCESSOR);
        DashboardTenant largest = null;
        for (DashboardTenant tenant : tenants.values()) {
            for (int i = 0; i < Math.max(2, requests / 4); i++) {
                client.states(processor, tenant.monitorIds(), DashboardTenant.SPARK_POINTS);
            }
            long[] micros = new long[requests];
            for (int i = 0; i < requests; i++) {
                micros[i] = client.states(processor, tenant.monitorIds(), DashboardTenant.SPARK_POINTS);
            }
            millis(result, "processor batch read, asked directly" + at(tenant.size()),
                    Distribution.of(micros));
            largest = tenant;
        }
        // Then a profile of the processor answering the largest tenant's read, again outside the figures.
        Path jfr = dir.resolve("processor-states.jfr");
        FlightRecording recording = FlightRecording.start(system.process(Component.PROCESSOR).pid(), jfr);
        for (int i = 0; i < requests; i++) {
            client.states(processor, largest.monitorIds(), DashboardTenant.SPARK_POINTS);
        }
        Path file = recording.stop();
        result.note("Processor CPU profile over " + requests + " batch reads of the " + String.format(Locale.ROOT,
                "%,d", largest.size()) + " monitors' states and points, asked directly (processor-states.jfr in"
                + " the scenario folder): " + String.join("; ", FlightRecording.hotMethods(file, "io.pushmon", 10)));
    }

    /**
     * Waits until the machine's 1-minute load average is below its core count, at most {@code limit}; how long that
     * took, or empty if it did not happen in time.
     */
    private static Optional<Duration> settle(BenchContext context, Duration limit) throws InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        double load = loadAverage();
        if (Double.isNaN(load)) {
            return Optional.empty();
        }
        while (load >= cores) {
            if (System.nanoTime() >= deadline) {
                context.log("load average still %.2f after %d s; measuring anyway", load, limit.toSeconds());
                return Optional.empty();
            }
            context.log("load average %.2f on %d cores: waiting for the setup's load to fade", load, cores);
            Thread.sleep(10_000);
            load = loadAverage();
        }
        return Optional.of(Duration.ofNanos(System.nanoTime() - start));
    }

    /** A distribution of microseconds as p50/p90/p99/max metrics in milliseconds with a decimal. */
    private static void millis(ScenarioResult result, String prefix, Distribution micros) {
        result.metric(prefix + " p50", round(micros.p50() / 1000.0), "ms")
                .metric(prefix + " p90", round(micros.p90() / 1000.0), "ms")
                .metric(prefix + " p99", round(micros.p99() / 1000.0), "ms")
                .metric(prefix + " max", round(micros.max() / 1000.0), "ms");
    }

    private static double ratio(double large, double small) {
        return small > 0 ? round(large / small) : 0;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String at(int monitors) {
        return String.format(Locale.ROOT, " @%,d", monitors);
    }

    /** The 1-minute load average, NaN where the OS does not tell. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Machine.current().loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
