package io.pushmon.processor.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.pushmon.common.model.MonitorEvent;

/** Punctuation cost follows the deadlines that are due, not the monitors that exist. */
class PunctuationWorkTest {

    private static final int NOT_DUE = 100_000;
    private static final int DUE = 10;

    private final DetectorHarness detector = new DetectorHarness();

    @AfterEach
    void close() {
        detector.close();
    }

    @Test
    void aPunctuationTouchesAboutTheDueEntriesAmongAHundredThousandMonitors() {
        for (int i = 0; i < NOT_DUE; i++) {
            detector.define("quiet-" + i, 3600, 0);
            detector.up("quiet-" + i, 0);
        }
        for (int i = 0; i < DUE; i++) {
            detector.define("late-" + i, 10, 0);
            detector.up("late-" + i, 0);
        }
        detector.runUntil(1, 10);
        long beforeDue = detector.metrics.indexEntriesTouched();
        assertThat(beforeDue).as("nothing due yet: no iterator, nothing read").isZero();

        detector.tick(11);
        detector.wallClockAt(11);
        long touched = detector.metrics.indexEntriesTouched() - beforeDue;

        assertThat(detector.events()).extracting(MonitorEvent::monitorId).hasSize(DUE)
                .allMatch(id -> id.startsWith("late-"));
        assertThat(touched).as("the due entries plus one peek past the cutoff").isEqualTo(DUE + 1);

        long afterDue = detector.metrics.indexEntriesTouched();
        detector.runUntil(12, 60);
        assertThat(detector.metrics.indexEntriesTouched()).as("nothing more due: nothing read")
                .isEqualTo(afterDue);
    }

    @Test
    void aFiredDeadlineIsTimedFromTheDeadlineToThePunctuationThatActedOnIt() {
        detector.define("late", 10, 0);
        detector.up("late", 0);
        detector.runUntil(1, 10);
        detector.tick(10.5);
        detector.wallClockAt(10.75);

        Timer fireDelay = detector.registry.get("pushmon.detector.fire.delay").timer();
        assertThat(detector.events()).extracting(MonitorEvent::monitorId).containsExactly("late");
        assertThat(fireDelay.count()).isEqualTo(1);
        assertThat(fireDelay.totalTime(TimeUnit.MILLISECONDS)).as("wall clock 10.75 s, deadline 10 s")
                .isEqualTo(750);
    }
}
