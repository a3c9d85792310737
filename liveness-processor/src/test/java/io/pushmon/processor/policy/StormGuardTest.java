package io.pushmon.processor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pushmon.common.model.DetectorPulse;
import io.pushmon.processor.policy.StormGuard.Verdict;

class StormGuardTest {

    private static final long NOW = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
    private final StormGuard guard = new StormGuard(PolicySettings.Storm.defaults());

    private static DetectorPulse pulse(int partition, long monitors, long downs, double ingest, double baseline) {
        return new DetectorPulse(partition, Instant.ofEpochMilli(NOW - 500), monitors, downs, ingest, baseline);
    }

    @Test
    void manyDownsWhileIngestFellAreAStorm() {
        assertThat(guard.assess(List.of(pulse(0, 500, 150, 20, 100), pulse(1, 500, 150, 20, 100)), NOW).verdict())
                .isEqualTo(Verdict.STORM);
    }

    @Test
    void fewDownsWhileIngestFellOnlyMakeDownsWait() {
        assertThat(guard.assess(List.of(pulse(0, 1000, 10, 20, 100)), NOW).verdict())
                .isEqualTo(Verdict.INGEST_FALLING);
    }

    @Test
    void manyDownsWithIngestAsUsualAreNoStorm() {
        assertThat(guard.assess(List.of(pulse(0, 1000, 900, 95, 100)), NOW).verdict()).isEqualTo(Verdict.NORMAL);
    }

    @Test
    void aSmallSystemNeverTrips() {
        assertThat(guard.assess(List.of(pulse(0, 50, 50, 0, 100)), NOW).verdict()).isEqualTo(Verdict.NORMAL);
    }

    @Test
    void withoutABaselineThereIsNoStorm() {
        assertThat(guard.assess(List.of(pulse(0, 1000, 900, 0, 0)), NOW).verdict()).isEqualTo(Verdict.NORMAL);
    }

    @Test
    void stalePulsesAreLeftOut() {
        DetectorPulse stale = new DetectorPulse(0, Instant.ofEpochMilli(NOW - 31_000), 1000, 900, 0, 100);
        StormGuard.Assessment assessment = guard.assess(List.of(stale, pulse(1, 1000, 0, 100, 100)), NOW);
        assertThat(assessment.verdict()).isEqualTo(Verdict.NORMAL);
        assertThat(assessment.monitors()).isEqualTo(1000);
    }

    @Test
    void aBurstOfPushesDuringAFallDoesNotEndIt() {
        guard.assess(List.of(pulse(0, 1000, 10, 40, 100)), NOW);
        DetectorPulse burst = new DetectorPulse(0, Instant.ofEpochMilli(NOW + 2_000), 1000, 10, 90, 100);
        assertThat(guard.assess(List.of(burst), NOW + 2_500).verdict()).isEqualTo(Verdict.INGEST_FALLING);
        DetectorPulse later = new DetectorPulse(0, Instant.ofEpochMilli(NOW + 20_000), 1000, 10, 90, 100);
        assertThat(guard.assess(List.of(later), NOW + 20_500).verdict()).isEqualTo(Verdict.NORMAL);
    }

    @Test
    void aFallIsJudgedAgainstTheRateFromBeforeItWhileTheMovingBaselineSinks() {
        guard.assess(List.of(pulse(0, 1000, 0, 40, 100)), NOW);
        DetectorPulse sunk = new DetectorPulse(0, Instant.ofEpochMilli(NOW + 40_000), 1000, 10, 40, 55);
        StormGuard.Assessment assessment = guard.assess(List.of(sunk), NOW + 40_500);
        assertThat(assessment.verdict()).isEqualTo(Verdict.INGEST_FALLING);
        assertThat(assessment.baseline()).as("what a storm starting now must get back to").isEqualTo(100);
    }

    @Test
    void theRateFromBeforeAFallIsForgottenOnceIngestIsBack() {
        guard.assess(List.of(pulse(0, 1000, 0, 40, 100)), NOW);
        guard.assess(List.of(new DetectorPulse(0, Instant.ofEpochMilli(NOW + 20_000), 1000, 0, 90, 80)),
                NOW + 20_500);
        DetectorPulse lower = new DetectorPulse(0, Instant.ofEpochMilli(NOW + 40_000), 1000, 0, 60, 80);
        assertThat(guard.assess(List.of(lower), NOW + 40_500).verdict()).isEqualTo(Verdict.NORMAL);
    }
}
