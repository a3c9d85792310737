package io.pushmon.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {

    private static final String BEFORE = """
            4242:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         10000        1000000  [B (java.base@17.0.15)
               2:          5000         120000  java.lang.String (java.base@17.0.15)
               3:            10            640  io.pushmon.common.model.MonitorDefinition
            Total         15010        1120640
            """;

    private static final String AFTER = """
            4242:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         30000        2600000  [B (java.base@17.0.15)
               2:         15000         360000  java.lang.String (java.base@17.0.15)
               3:          1010          56640  io.pushmon.common.model.MonitorDefinition
               4:          1000          32000  java.util.concurrent.ConcurrentHashMap$Node (java.base@17.0.15)
            Total         47010        3048640
            """;

    @Test
    void theTotalIsTheLiveHeap() {
        assertThat(HeapHistogram.parse(BEFORE).bytes()).isEqualTo(1_120_640);
    }

    @Test
    void rowsAreReadByClassWithoutTheModule() {
        HeapHistogram histogram = HeapHistogram.parse(AFTER);
        assertThat(histogram.classes().get("java.lang.String")).isEqualTo(new HeapHistogram.Row(15000, 360000));
        assertThat(histogram.classes()).containsKey("java.util.concurrent.ConcurrentHashMap$Node");
    }

    @Test
    void growthListsTheClassesThatGrewMostFirstIncludingNewOnes() {
        var growth = HeapHistogram.parse(AFTER).growthSince(HeapHistogram.parse(BEFORE), 3);
        assertThat(growth).containsExactly(
                new HeapHistogram.Change("[B", 20000, 1_600_000),
                new HeapHistogram.Change("java.lang.String", 10000, 240000),
                new HeapHistogram.Change("io.pushmon.common.model.MonitorDefinition", 1000, 56000));
    }

    @Test
    void aClassNamedTwiceByTwoClassLoadersCountsOnce() {
        HeapHistogram histogram = HeapHistogram.parse("""
                   1:             2             64  io.pushmon.Thing
                   2:             3             96  io.pushmon.Thing
                Total             5            160
                """);
        assertThat(histogram.classes().get("io.pushmon.Thing")).isEqualTo(new HeapHistogram.Row(5, 160));
    }

    @Test
    void outputWithoutATotalIsNotAHistogram() {
        assertThatThrownBy(() -> HeapHistogram.parse("4242:\nCould not attach\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
