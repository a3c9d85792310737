package io.pushmon.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    @Test
    void theReportSummarisesEveryCheckAndListsEachScenariosFiguresInMarkdownAndJson() throws Exception {
        ScenarioResult ingest = new ScenarioResult("ingest", "Ingest").setting("monitors", 10_000)
                .metric("gateway pushes/s @200", 4321.5, "/s").check("p99 under 50 ms", "61.2 ms", false)
                .invariant("zero non-2xx", "0", true).warning("generator CPU at most 20 µs", "31.0 µs", false)
                .note("the broker shares the cores");
        ingest.finished(42, null);
        ScenarioResult storm = new ScenarioResult("storm", "Storm");
        storm.finished(3, "java.lang.IllegalStateException: broker gone");
        BenchReport report = new BenchReport(Instant.parse("2026-11-23T10:00:00Z"),
                new Machine(2, 24_000, "cpu", "Linux", "JDK 17", "0.5 0.4 0.3"), List.of("./pushmon-bench"),
                List.of(ingest, storm));

        Path markdown = report.write(dir);

        assertThat(Files.readString(markdown))
                .contains("| ingest | p99 under 50 ms | 61.2 ms | **no** |")
                .contains("| ingest | invariant: zero non-2xx | 0 | yes |")
                .contains("| ingest | warning: generator CPU at most 20 µs | 31.0 µs | **no** |")
                .contains("| storm | | did not complete: java.lang.IllegalStateException: broker gone | no |")
                .contains("| gateway pushes/s @200 | 4,321.50 /s |")
                .contains("Settings: monitors = 10000")
                .contains("- the broker shares the cores")
                .contains("2 cores (cpu), 24000 MiB");
        Map<?, ?> json = BenchReport.read(dir.resolve("report.json"));
        assertThat(json.get("scenarios").toString()).contains("gateway pushes/s @200").contains("broker gone");
    }
}
