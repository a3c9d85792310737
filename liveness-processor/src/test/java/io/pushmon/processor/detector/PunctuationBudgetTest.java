package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A punctuation acts on at most the budget; the rest waits for the next punctuation, in deadline order. */
class PunctuationBudgetTest {

    private final DetectorHarness detector = new DetectorHarness(DetectorSettings.defaults().withBudget(4));

    @AfterEach
    void close() {
        detector.close();
    }

    @Test
    void theBudgetSpreadsALargeDueSetOverSeveralPunctuations() {
        for (int i = 0; i < 10; i++) {
            detector.define("late-" + i, 10, 0);
            detector.up("late-" + i, 0);
        }
        detector.runUntil(1, 10);
        assertThat(detector.events()).isEmpty();

        detector.tick(11);
        detector.wallClockAt(11);
        assertThat(detector.events()).hasSize(4);
        detector.wallClockAt(11.25);
        assertThat(detector.events()).hasSize(4);
        detector.wallClockAt(11.5);
        assertThat(detector.events()).hasSize(2);
        assertThat(detector.indexEntries()).isEmpty();
    }
}
