package io.pushmon.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void percentilesAreNearestRankOverTheSortedValues() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray();

        Distribution distribution = Distribution.of(oneToHundred);

        assertThat(distribution).isEqualTo(new Distribution(100, 1, 50, 90, 99, 100));
    }

    @Test
    void aSingleValueIsEveryPercentileAndNoValuesGiveZeros() {
        assertThat(Distribution.of(List.of(7L))).isEqualTo(new Distribution(1, 7, 7, 7, 7, 7));
        assertThat(Distribution.of(new long[0]).count()).isZero();
    }
}
