package io.pushmon.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredReportTest {

    @TempDir
    Path dir;

    @Test
    void anOlderReportsInvariantFlagCountsAsAnInvariant() throws Exception {
        Path file = write("""
                {"startedAt": "2026-11-24T00:34:58Z", "machine": {"loadAverage": "3.87 2.69 5.13 2/99 27890"},
                 "command": ["./pushmon-bench", "detection"],
                 "scenarios": [{"name": "detection", "failure": null, "settings": {"monitors": 10000},
                   "metrics": {"deadline → down event p99": {"value": 812.0, "unit": "ms"}},
                   "checks": [{"target": "every push answered 2xx", "measured": "0", "met": true, "invariant": true},
                              {"target": "p99 under 1.5 s", "measured": "812 ms", "met": true, "invariant": false}]}]}
                """);

        StoredReport report = StoredReport.read(file);

        assertThat(report.command()).isEqualTo("./pushmon-bench detection");
        assertThat(report.load()).isEqualTo("3.87");
        StoredReport.Scenario detection = report.scenarios().get("detection");
        assertThat(detection.completed()).isTrue();
        assertThat(detection.settings()).containsExactly(entry("monitors", "10000"));
        assertThat(detection.figures()).containsExactly(entry("deadline → down event p99",
                new Metric("deadline → down event p99", 812.0, "ms")));
        assertThat(detection.invariants()).containsExactly(entry("every push answered 2xx", true));
    }

    @Test
    void aReportFolderStandsForItsReportJson() throws Exception {
        write("{\"scenarios\": [{\"name\": \"storm\", \"failure\": \"java.lang.IllegalStateException\","
                + " \"metrics\": {\"heartbeat burst\": {\"value\": \"NaN\", \"unit\": \"ms\"}}}]}");

        StoredReport.Scenario storm = StoredReport.read(dir).scenarios().get("storm");

        assertThat(storm.completed()).isFalse();
        assertThat(storm.figures().get("heartbeat burst").value()).isNaN();
    }

    @Test
    void aMissingFileIsRefusedWithItsName() {
        assertThatThrownBy(() -> StoredReport.read(dir.resolve("baseline.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("baseline.json") + ": no such file");
    }

    @Test
    void aFileThatIsNotJsonIsRefusedWithItsName() throws Exception {
        Path file = write("# pushmon benchmark report\n");

        assertThatThrownBy(() -> StoredReport.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": not JSON");
    }

    @Test
    void jsonThatIsNotAReportIsRefusedWithItsName() throws Exception {
        Path file = write("{\"name\": \"ingest\"}");
        Path figureless = dir.resolve("figureless.json");
        Files.writeString(figureless,
                "{\"scenarios\": [{\"name\": \"ingest\", \"metrics\": {\"x\": {\"unit\": \"\"}}}]}");

        assertThatThrownBy(() -> StoredReport.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": not a pushmon-bench report (no \"scenarios\" list)");
        assertThatThrownBy(() -> StoredReport.read(figureless)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingest figure 'x' has no number");
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("report.json");
        Files.writeString(file, json);
        return file;
    }
}
