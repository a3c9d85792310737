package io.pushmon.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WrkSummaryTest {

    private static final List<String> OUTPUT = List.of(
            "Running 30s test @ http://127.0.0.1:41234",
            "  2 threads and 200 connections",
            "  812345 requests in 30.00s, 75.21MB read",
            "Requests/sec:  27078.17",
            "{\"requests\":812345,\"durationMicros\":30000500,\"p50Micros\":6900,\"p90Micros\":11200,"
                    + "\"p99Micros\":24100,\"p999Micros\":41000,\"maxMicros\":88000,\"non2xx\":3,"
                    + "\"connectErrors\":0,\"readErrors\":2,\"writeErrors\":0,\"timeouts\":1}");

    @Test
    void theSummaryIsTheLastJsonLineAfterWrksOwnText() {
        WrkSummary summary = WrkSummary.parse(OUTPUT);

        assertThat(summary.requests()).isEqualTo(812_345);
        assertThat(summary.durationMicros()).isEqualTo(30_000_500);
        assertThat(summary.p99Micros()).isEqualTo(24_100);
        assertThat(summary.non2xx()).isEqualTo(3);
        assertThat(summary.readErrors()).isEqualTo(2);
    }

    @Test
    void outputWithoutASummaryLineIsAnErrorNotAnEmptyResult() {
        assertThatThrownBy(() -> WrkSummary.parse(OUTPUT.subList(0, 4))).hasMessageContaining("no summary line");
        assertThatThrownBy(() -> WrkSummary.parse(List.of("{\"requests\":"))).hasMessageContaining("not what");
    }

    @Test
    void theResultHasTheMeasuredRunsFiguresAndTheAnswersAndCpuOfBothRuns() {
        WrkSummary warmup = new WrkSummary(100_000, 10_000_000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        LoadResult result = WrkSummary.parse(OUTPUT).toResult(warmup, 4_250_000);

        assertThat(result.requests()).isEqualTo(812_345);
        assertThat(result.seconds()).isEqualTo(30.0005);
        assertThat(result.perSecond()).isCloseTo(27_077.7, offset(0.1));
        assertThat(result.p50Micros()).isEqualTo(6_900);
        assertThat(result.maxMicros()).isEqualTo(88_000);
        assertThat(result.allAnswered()).isEqualTo(912_345);
        assertThat(result.cpuMicros()).isEqualTo(4_250_000);
    }

    @Test
    void statusesOnlySay2xxOrNotAndSocketErrorsCountAsFailures() {
        LoadResult result = WrkSummary.parse(OUTPUT).toResult(WrkSummary.parse(OUTPUT), 0);

        assertThat(result.statuses()).isEqualTo(Map.of("2xx", 812_342L, "non-2xx", 3L));
        assertThat(result.errors()).isEqualTo(3);
        assertThat(result.failures()).isEqualTo(6);
        assertThat(result.firstError()).isEqualTo("wrk socket errors: connect 0, read 2, write 0, timeout 1");
    }

    @Test
    void aCleanRunHasNoFirstError() {
        WrkSummary clean = new WrkSummary(10, 1_000_000, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0);

        LoadResult result = clean.toResult(clean, 0);

        assertThat(result.failures()).isZero();
        assertThat(result.firstError()).isNull();
    }
}
