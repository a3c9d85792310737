package io.pushmon.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineComparisonTest {

    @TempDir
    Path dir;

    @Test
    void aThroughputDropOfMoreThanFifteenPercentIsARegression() {
        BaselineComparison comparison = compare(ingest().metric("gateway pushes/s @200", 6000, "/s"),
                ingest().metric("gateway pushes/s @200", 5000, "/s"));

        assertThat(comparison.rows()).singleElement().satisfies(row -> {
            assertThat(row.direction()).isEqualTo(FigureDirection.HIGHER_IS_BETTER);
            assertThat(row.ratio()).isCloseTo(0.833, offset(0.001));
            assertThat(row.regression()).isTrue();
        });
        assertThat(comparison.headline()).startsWith("1 regression over 15% ");
    }

    @Test
    void aThroughputDropWithinTheThresholdIsNotARegression() {
        BaselineComparison comparison = compare(ingest().metric("gateway pushes/s @200", 6000, "/s"),
                ingest().metric("gateway pushes/s @200", 5200, "/s"));

        assertThat(comparison.regressions()).isZero();
        assertThat(comparison.headline()).startsWith("0 regressions over 15% ");
    }

    @Test
    void aLatencyRiseIsARegression() {
        BaselineComparison comparison = compare(ingest().metric("gateway p99 @200", 40, "ms"),
                ingest().metric("gateway p99 @200", 47, "ms"));

        assertThat(comparison.rows()).singleElement().satisfies(row -> {
            assertThat(row.direction()).isEqualTo(FigureDirection.LOWER_IS_BETTER);
            assertThat(row.regression()).isTrue();
        });
    }

    @Test
    void aLatencyFallIsNotARegression() {
        BaselineComparison comparison = compare(ingest().metric("gateway p99 @200", 40, "ms"),
                ingest().metric("gateway p99 @200", 20, "ms"));

        assertThat(comparison.regressions()).isZero();
    }

    @Test
    void theThresholdIsConfigurable() {
        ScenarioResult before = ingest().metric("gateway p99 @200", 40, "ms");
        ScenarioResult after = ingest().metric("gateway p99 @200", 44, "ms");

        BaselineComparison strict = BaselineComparison.of(stored(before), stored(after), 0.05);

        assertThat(strict.regressions()).isEqualTo(1);
        assertThat(strict.headline()).startsWith("1 regression over 5% ");
        assertThat(BaselineComparison.of(stored(before), stored(after), 0.15).regressions()).isZero();
    }

    @Test
    void unknownDirectionIsNeverFlagged() {
        BaselineComparison comparison = compare(
                ingest().metric("monitors down", 100, "").metric("flood accepted/s with a unpaced flood (round 1)",
                        100, "/s"),
                ingest().metric("monitors down", 10, "").metric("flood accepted/s with a unpaced flood (round 1)",
                        900, "/s"));

        assertThat(comparison.rows()).hasSize(2)
                .allSatisfy(row -> assertThat(row.direction()).isEqualTo(FigureDirection.UNKNOWN))
                .noneMatch(BaselineComparison.Row::regression);
    }

    @Test
    void aZeroBaselineHasNoRatioAndIsNotFlagged() {
        BaselineComparison comparison = compare(
                ingest().metric("whole system: processor lag on heartbeats at the end of the load", 0, "records"),
                ingest().metric("whole system: processor lag on heartbeats at the end of the load", 500, "records"));

        assertThat(comparison.rows()).singleElement().satisfies(row -> {
            assertThat(row.ratio()).isNaN();
            assertThat(row.regression()).isFalse();
        });
        assertThat(comparison.markdown()).contains("| 0 records | 500 records | n/a | lower |");
    }

    @Test
    void figuresPairOnScenarioAndFullNameSoVariantsAndRoundsStayApart() {
        BaselineComparison comparison = compare(
                ingest().metric("gateway lz4 pushes/s @200", 6000, "/s").metric("gateway pushes/s @200", 3000, "/s"),
                ingest().metric("gateway pushes/s @200", 3000, "/s").metric("gateway lz4 pushes/s @200", 6000, "/s"),
                new ScenarioResult("tenants", "Tenants").metric("gateway pushes/s @200", 10, "/s"));

        assertThat(comparison.rows()).extracting(BaselineComparison.Row::figure)
                .containsExactly("gateway pushes/s @200", "gateway lz4 pushes/s @200");
        assertThat(comparison.rows()).allSatisfy(row -> assertThat(row.ratio()).isEqualTo(1.0));
        assertThat(comparison.notes()).contains("tenants is not in the baseline");
    }

    @Test
    void aFigureOnlyInTheNewRunIsListedAsNew() {
        BaselineComparison comparison = compare(ingest().metric("gateway p99 @200", 40, "ms"),
                ingest().metric("gateway p99 @200", 40, "ms").metric("gateway p99 @400", 90, "ms"));

        assertThat(comparison.fresh()).containsExactly("ingest: gateway p99 @400");
        assertThat(comparison.gone()).isEmpty();
        assertThat(comparison.rows()).hasSize(1);
        assertThat(comparison.headline()).contains("1 new, 0 gone");
    }

    @Test
    void aFigureOnlyInTheBaselineIsListedAsGone() {
        BaselineComparison comparison = compare(
                ingest().metric("gateway p99 @200", 40, "ms").metric("gateway p99 @50", 20, "ms"),
                ingest().metric("gateway p99 @200", 40, "ms"));

        assertThat(comparison.gone()).containsExactly("ingest: gateway p99 @50");
        assertThat(comparison.markdown()).contains("## Only in the baseline (1)\n\n- ingest: gateway p99 @50");
    }

    @Test
    void aScenarioNotRunThisTimeIsNotCountedAsGone() {
        BaselineComparison comparison = compare(
                List.of(ingest().metric("gateway p99 @200", 40, "ms"),
                        new ScenarioResult("storm", "Storm").metric("webhooks per second", 900, "/s")),
                List.of(ingest().metric("gateway p99 @200", 40, "ms")));

        assertThat(comparison.gone()).isEmpty();
        assertThat(comparison.notes()).containsExactly("in the baseline, not run this time: storm");
    }

    @Test
    void anInvariantThatNowFailsIsFlagged() {
        BaselineComparison comparison = compare(ingest().invariant("zero non-2xx at 200 connections", "0", true),
                ingest().invariant("zero non-2xx at 200 connections", "12", false));

        assertThat(comparison.invariants()).filteredOn(BaselineComparison.InvariantRow::regression)
                .extracting(BaselineComparison.InvariantRow::target)
                .containsExactly("zero non-2xx at 200 connections");
        assertThat(comparison.regressions()).isEqualTo(1);
        assertThat(comparison.summary())
                .contains("ingest: invariant 'zero non-2xx at 200 connections' held in the baseline and fails now");
    }

    @Test
    void anInvariantThatFailedInTheBaselineTooIsNotARegression() {
        BaselineComparison comparison = compare(ingest().invariant("every monitor down once", "1 twice", false),
                ingest().invariant("every monitor down once", "2 twice", false));

        assertThat(comparison.regressions()).isZero();
        assertThat(comparison.markdown()).contains("| ingest | every monitor down once | **fails** | **fails** |  |");
    }

    @Test
    void targetsAndWarningsAreNotComparedAsInvariants() {
        BaselineComparison comparison = compare(
                ingest().check("p99 under 50 ms", "40 ms", true).warning("generator lean", "10 µs", true),
                ingest().check("p99 under 50 ms", "60 ms", false).warning("generator lean", "30 µs", false));

        assertThat(comparison.invariants()).extracting(BaselineComparison.InvariantRow::target)
                .containsExactly(BaselineComparison.COMPLETES);
        assertThat(comparison.regressions()).isZero();
    }

    @Test
    void aScenarioThatNoLongerCompletesIsFlagged() {
        ScenarioResult broken = ingest();
        broken.finished(3, "java.lang.IllegalStateException: broker gone");

        BaselineComparison comparison = compare(ingest(), broken);

        assertThat(comparison.invariants()).singleElement().satisfies(row -> {
            assertThat(row.target()).isEqualTo(BaselineComparison.COMPLETES);
            assertThat(row.regression()).isTrue();
        });
    }

    @Test
    void aSettingThatDiffersIsNoted() {
        BaselineComparison comparison = compare(ingest().setting("monitors", 10_000),
                ingest().setting("monitors", 200));

        assertThat(comparison.notes()).containsExactly(
                "ingest setting 'monitors' differs: 10000 in the baseline, 200 now");
    }

    @Test
    void theComparisonIsWrittenAsMarkdownWithTheRegressionsFlagged() throws Exception {
        BaselineComparison comparison = compare(ingest().metric("gateway pushes/s @200", 6000, "/s"),
                ingest().metric("gateway pushes/s @200", 4500, "/s"));

        Path file = comparison.write(dir);

        assertThat(file).isEqualTo(dir.resolve("comparison.md"));
        assertThat(Files.readString(file))
                .contains("**1 regression over 15% (1 figure and 1 invariant compared; 0 new, 0 gone)**")
                .contains("| ingest | gateway pushes/s @200 | 6,000 /s | 4,500 /s | 0.75× | higher | **regression**");
        assertThat(comparison.reportSection()).contains("[comparison.md](comparison.md)");
    }

    @Test
    void aComparisonReadsBackAWrittenReport() throws Exception {
        report(ingest().metric("gateway p99 @200", 40, "ms").invariant("zero non-2xx", "0", true)).write(dir);
        Path baseline = dir.resolve("report.json");

        BaselineComparison comparison = BaselineComparison.of(StoredReport.read(baseline),
                stored(ingest().metric("gateway p99 @200", 80, "ms").invariant("zero non-2xx", "3", false)), 0.15);

        assertThat(comparison.regressions()).isEqualTo(2);
        assertThat(comparison.summary()).startsWith("against the baseline " + baseline + ": 2 regressions over 15%")
                .contains("ingest: gateway p99 @200 40 ms -> 80 ms (2.00×, lower)");
    }

    private static ScenarioResult ingest() {
        return new ScenarioResult("ingest", "Ingest");
    }

    private static BaselineComparison compare(ScenarioResult baseline, ScenarioResult current,
            ScenarioResult... alsoCurrent) {
        List<ScenarioResult> now = new ArrayList<>(List.of(current));
        now.addAll(Arrays.asList(alsoCurrent));
        return compare(List.of(baseline), now);
    }

    private static BaselineComparison compare(List<ScenarioResult> baseline, List<ScenarioResult> current) {
        return BaselineComparison.of(StoredReport.of(report(baseline), "baseline.json"),
                StoredReport.of(report(current), "this run"), BaselineComparison.DEFAULT_THRESHOLD);
    }

    private static StoredReport stored(ScenarioResult result) {
        return StoredReport.of(report(result), "this run");
    }

    private static BenchReport report(ScenarioResult... results) {
        return report(List.of(results));
    }

    private static BenchReport report(List<ScenarioResult> results) {
        return new BenchReport(Instant.parse("2026-12-01T10:00:00Z"),
                new Machine(2, 24_000, "cpu", "Linux", "JDK 17", "0.5 0.4 0.3"), List.of("./pushmon-bench"), results);
    }
}
