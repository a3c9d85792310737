package io.pushmon.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.pushmon.bench.dashboard.DashboardScenario;
import io.pushmon.bench.detection.DetectionDelayScenario;
import io.pushmon.bench.footprint.FootprintScenario;
import io.pushmon.bench.ingest.IngestScenario;
import io.pushmon.bench.processor.ProcessorScenario;
import io.pushmon.bench.punctuation.PunctuationScenario;
import io.pushmon.bench.report.BaselineComparison;
import io.pushmon.bench.report.BenchReport;
import io.pushmon.bench.report.Machine;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.bench.report.StoredReport;
import io.pushmon.bench.schedule.ScheduleScenario;
import io.pushmon.bench.storm.AlertStormScenario;
import io.pushmon.bench.sustained.SustainedLoadScenario;
import io.pushmon.bench.tenants.NoisyNeighbourScenario;

/**
 * {@code ./pushmon-bench}: runs the named scenarios one after another, each on a system of its own, and writes
 * the report. A scenario that throws is recorded as not completed and the next one still runs.
 */
public final class Bench {

    /** Every scenario, in the order a full run takes them (cheap ones first). */
    static final List<Supplier<Scenario>> SCENARIOS = List.of(
            IngestScenario::new,
            ProcessorScenario::new,
            DetectionDelayScenario::new,
            AlertStormScenario::new,
            SustainedLoadScenario::new,
            PunctuationScenario::new,
            FootprintScenario::new,
            ScheduleScenario::new,
            NoisyNeighbourScenario::new,
            DashboardScenario::new);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("pushmon.root", "")).toAbsolutePath().normalize();
        Map<String, Supplier<Scenario>> known = byName();
        Path defaultOut = root.resolve("bench-results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, List.copyOf(known.keySet()), defaultOut);
        } catch (IllegalArgumentException e) {
            System.err.println("pushmon-bench: " + e.getMessage());
            System.err.printf(BenchOptions.USAGE + "%n", String.join(", ", known.keySet()));
            System.exit(2);
            return;
        }
        // Read before anything runs: a mistyped baseline should not cost a 30-minute run.
        Optional<StoredReport> baseline;
        Optional<StoredReport> against;
        try {
            baseline = options.baseline().map(file -> readReport("--compare", file));
            against = options.against().map(file -> readReport("--against", file));
        } catch (IllegalArgumentException e) {
            System.err.println("pushmon-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (against.isPresent()) {
            BaselineComparison comparison = BaselineComparison.of(baseline.orElseThrow(), against.get(),
                    options.regressionThreshold());
            Path written = comparison.write(options.out());
            System.out.println(comparison.markdown());
            System.out.print(comparison.summary());
            System.out.println("comparison: " + written);
            return;
        }
        BenchReport report = run(options, root, List.of(args));
        Path markdown = report.write(options.out());
        String summary = "";
        if (baseline.isPresent()) {
            BaselineComparison comparison = BaselineComparison.of(baseline.get(), StoredReport.of(report, "this run"),
                    options.regressionThreshold());
            Path compared = comparison.write(options.out());
            Files.writeString(markdown, comparison.reportSection(), StandardOpenOption.APPEND);
            summary = comparison.summary() + "comparison: " + compared + "\n";
        }
        System.out.println();
        System.out.println(Files.readString(markdown));
        System.out.println("report: " + markdown + " (and report.json)");
        System.out.print(summary);
        System.exit(report.results().stream().anyMatch(r -> r.failure() != null) ? 1 : 0);
    }

    /** A report named on the command line; the message says which option named it. */
    private static StoredReport readReport(String option, Path file) {
        try {
            return StoredReport.read(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage(), e);
        }
    }

    /** Runs the scenarios of the options; never throws for a scenario's failure. */
    public static BenchReport run(BenchOptions options, Path root, List<String> args) {
        Instant started = Instant.now();
        Machine machine = Machine.current();
        Map<String, Supplier<Scenario>> known = byName();
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : options.scenarios()) {
            Scenario scenario = known.get(name).get();
            BenchContext context = new BenchContext(options, root, name);
            context.log("starting: %s", scenario.title());
            long start = System.nanoTime();
            ScenarioResult result;
            String failure = null;
            try {
                result = scenario.run(context);
            } catch (Exception | AssertionError e) {
                result = new ScenarioResult(name, scenario.title());
                failure = e.toString();
                e.printStackTrace(System.out);
            }
            result.finished((System.nanoTime() - start) / 1e9, failure);
            context.log("finished in %.0f s%s", result.seconds(), failure == null ? "" : ": " + failure);
            results.add(result);
        }
        List<String> command = new ArrayList<>(List.of("./pushmon-bench"));
        command.addAll(args);
        return new BenchReport(started, machine, command, results);
    }

    private static Map<String, Supplier<Scenario>> byName() {
        return SCENARIOS.stream().collect(Collectors.toMap(s -> s.get().name(), Function.identity(),
                (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
