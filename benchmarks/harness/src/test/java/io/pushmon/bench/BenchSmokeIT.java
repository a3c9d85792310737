package io.pushmon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.pushmon.bench.report.BenchReport;
import io.pushmon.bench.report.Check;
import io.pushmon.bench.report.ScenarioResult;

/**
 * Every scenario of {@code ./pushmon-bench} at its smoke size, end to end on real processes, so the harness cannot
 * rot between benchmark runs. It judges no performance target (a smoke run's sizes and loads are too small to mean
 * anything) but every invariant: nothing lost, nothing twice.
 */
class BenchSmokeIT {

    @Test
    void everyScenarioRunsAtSmokeSizeHoldsItsInvariantsAndIsReported() throws Exception {
        Path root = Path.of(System.getProperty("pushmon.root", "..")).toAbsolutePath().normalize();
        Path out = root.resolve("benchmarks/harness/target/bench-smoke");
        List<String> all = Bench.SCENARIOS.stream().map(Supplier::get).map(Scenario::name).toList();
        BenchOptions options = BenchOptions.parse(new String[] { "--smoke", "--out", out.toString() }, all, out);

        BenchReport report = Bench.run(options, root, List.of("--smoke"));
        report.write(out);

        assertThat(report.results()).extracting(ScenarioResult::name).containsExactlyElementsOf(all);
        for (ScenarioResult result : report.results()) {
            assertThat(result.failure()).as(result.name() + " completed").isNull();
            assertThat(result.metrics()).as(result.name() + " measured something").isNotEmpty();
            assertThat(result.checks()).as(result.name() + " judged against its targets").isNotEmpty();
            assertThat(result.checks()).filteredOn(Check::invariant).as(result.name() + " invariants")
                    .allSatisfy(check -> assertThat(check.met()).as(check.target() + ": " + check.measured()).isTrue());
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("# pushmon benchmark report");
        assertThat(out.resolve("report.json")).isRegularFile();
    }
}
