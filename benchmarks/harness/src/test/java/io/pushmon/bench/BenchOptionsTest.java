package io.pushmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final List<String> KNOWN = List.of("ingest", "detection", "storm");
    private static final Path OUT = Path.of("bench-results/now");

    @Test
    void noScenarioNamedMeansEveryScenarioInTheirOrder() {
        BenchOptions options = BenchOptions.parse(new String[0], KNOWN, OUT);

        assertThat(options.scenarios()).containsExactlyElementsOf(KNOWN);
        assertThat(options.out()).isEqualTo(OUT);
    }

    @Test
    void namedScenariosRunInTheOrderGivenWithTheirOptions() {
        BenchOptions options = BenchOptions.parse(new String[] { "storm", "--size", "100_000", "detection", "--out",
            "/tmp/x" }, KNOWN, OUT);

        assertThat(options.scenarios()).containsExactly("storm", "detection");
        assertThat(options.size(10_000, 10)).isEqualTo(100_000);
        assertThat(options.out()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void aSmokeRunUsesTheSmokeSizeUnlessASizeIsGiven() {
        assertThat(BenchOptions.parse(new String[] { "--smoke" }, KNOWN, OUT).size(10_000, 200)).isEqualTo(200);
        assertThat(BenchOptions.parse(new String[0], KNOWN, OUT).size(10_000, 200)).isEqualTo(10_000);
    }

    @Test
    void anUnknownScenarioOrABadSizeIsRefusedWithAMessage() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "everything" }, KNOWN, OUT))
                .hasMessageContaining("unknown argument 'everything'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--size", "-3" }, KNOWN, OUT))
                .hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--size" }, KNOWN, OUT))
                .hasMessageContaining("--size needs a value");
    }

    @Test
    void gatewayVariantsAreKeptByNameInTheOrderGiven() {
        BenchOptions options = BenchOptions.parse(new String[] { "ingest", "--gateway-variant",
            "a117b57=/work/baseline/gateway-a117b57", "--gateway-variant", "event-loop=../other/quarkus-app" }, KNOWN,
                OUT);

        assertThat(options.gatewayVariants()).containsExactly(
                entry("a117b57", new ServiceVariant(Optional.of(Path.of("/work/baseline/gateway-a117b57")), Map.of())),
                entry("event-loop", new ServiceVariant(Optional.of(Path.of("../other/quarkus-app")), Map.of())));
        assertThat(BenchOptions.parse(new String[0], KNOWN, OUT).gatewayVariants()).isEmpty();
    }

    @Test
    void processorVariantsAreKeptApartFromGatewayVariants() {
        BenchOptions options = BenchOptions.parse(new String[] { "processor", "--processor-variant",
            "old=/work/baseline-processor", "--processor-variant", "threads2=.,pushmon.processor.stream-threads=2" },
                List.of("processor"), OUT);

        assertThat(options.processorVariants()).containsExactly(
                entry("old", new ServiceVariant(Optional.of(Path.of("/work/baseline-processor")), Map.of())),
                entry("threads2", new ServiceVariant(Optional.empty(), Map.of("pushmon.processor.stream-threads",
                        "2"))));
        assertThat(options.gatewayVariants()).isEmpty();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--processor-variant", "x" }, KNOWN, OUT))
                .hasMessageContaining("--processor-variant takes NAME=DIR");
    }

    @Test
    void oneNameAcrossTheThreeKindsOfVariantIsOneSystemWithAllOfThem() {
        BenchOptions options = BenchOptions.parse(new String[] { "storm", "--dispatcher-variant", "old=/work/d",
            "--processor-variant", "old=/work/p" }, List.of("storm"), OUT);

        assertThat(options.dispatcherVariants()).containsOnlyKeys("old");
        assertThat(options.processorVariants()).containsOnlyKeys("old");
        assertThat(options.gatewayVariants()).isEmpty();
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--dispatcher-variant", "old=/a",
            "--dispatcher-variant", "old=/b" }, KNOWN, OUT)).hasMessageContaining("--dispatcher-variant old is given twice");
    }

    @Test
    void aVariantCanBeThisBuildWithOtherSettings() {
        BenchOptions options = BenchOptions.parse(new String[] { "--gateway-variant",
            "linger20=.,pushmon.kafka.linger=20ms,pushmon.kafka.compression=zstd" }, KNOWN, OUT);

        assertThat(options.gatewayVariants()).containsExactly(entry("linger20", new ServiceVariant(Optional.empty(),
                Map.of("pushmon.kafka.linger", "20ms", "pushmon.kafka.compression", "zstd"))));
    }

    @Test
    void aVariantsSettingNeedsAValue() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--gateway-variant", "x=.,pushmon.kafka.linger" },
                KNOWN, OUT)).hasMessageContaining("property=value");
    }

    @Test
    void aVariantNeedsAPlainUniqueNameAndADirectory() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--gateway-variant", "/some/dir" }, KNOWN, OUT))
                .hasMessageContaining("NAME=DIR");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--gateway-variant", "a b=/x" }, KNOWN, OUT))
                .hasMessageContaining("NAME=DIR");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--gateway-variant", "old=" }, KNOWN, OUT))
                .hasMessageContaining("NAME=DIR");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--gateway-variant", "old=/a", "--gateway-variant",
            "old=/b" }, KNOWN, OUT)).hasMessageContaining("given twice");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--gateway-variant" }, KNOWN, OUT))
                .hasMessageContaining("--gateway-variant needs a value");
    }

    @Test
    void aRunIsComparedWithTheBaselineAtFifteenPercentUnlessAThresholdIsGiven() {
        BenchOptions options = BenchOptions.parse(new String[] { "ingest", "--compare",
            "docs/benchmarks/baseline.json" }, KNOWN, OUT);

        assertThat(options.baseline()).contains(Path.of("docs/benchmarks/baseline.json"));
        assertThat(options.against()).isEmpty();
        assertThat(options.regressionThreshold()).isEqualTo(0.15);
        assertThat(options.scenarios()).containsExactly("ingest");
        assertThat(BenchOptions.parse(new String[] { "--compare", "b.json", "--regression-threshold", "0.05" }, KNOWN,
                OUT).regressionThreshold()).isEqualTo(0.05);
        assertThat(BenchOptions.parse(new String[0], KNOWN, OUT).baseline()).isEmpty();
    }

    @Test
    void compareAgainstAReportRunsNothingElse() {
        BenchOptions options = BenchOptions.parse(new String[] { "--compare", "b.json", "--against", "r.json", "--out",
            "/tmp/c" }, KNOWN, OUT);

        assertThat(options.baseline()).contains(Path.of("b.json"));
        assertThat(options.against()).contains(Path.of("r.json"));
        assertThat(options.out()).isEqualTo(Path.of("/tmp/c"));
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--compare", "b.json", "--against", "r.json",
            "ingest" }, KNOWN, OUT)).hasMessage("--against compares two reports and runs nothing: 'ingest' does not go"
                    + " with it");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--smoke", "--compare", "b.json", "--against",
            "r.json" }, KNOWN, OUT)).hasMessageContaining("'--smoke' does not go with it");
    }

    @Test
    void againstAndTheThresholdNeedABaseline() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--against", "r.json" }, KNOWN, OUT))
                .hasMessage("--against needs --compare BASELINE.json");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--regression-threshold", "0.1" }, KNOWN, OUT))
                .hasMessage("--regression-threshold needs --compare BASELINE.json");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--compare" }, KNOWN, OUT))
                .hasMessage("--compare needs a value");
    }

    @Test
    void theThresholdIsAFractionBetweenZeroAndOne() {
        for (String bad : new String[] { "15", "0", "1", "-0.1", "15%", "NaN" }) {
            assertThatThrownBy(() -> BenchOptions.parse(new String[] { "--compare", "b.json", "--regression-threshold",
                bad }, KNOWN, OUT)).hasMessage("--regression-threshold must be a fraction between 0 and 1 (0.15 is"
                        + " 15%), not '" + bad + "'");
        }
    }
}
