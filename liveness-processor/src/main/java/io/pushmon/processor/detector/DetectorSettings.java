package io.pushmon.processor.detector;

import java.time.Duration;

/**
 * Tuning of the detector, independent of Quarkus so topology tests build it directly.
 *
 * @param punctuationInterval how often (wall clock) due deadlines are looked for
 * @param margin              subtracted from min(wall clock, heartbeat time) to form the cutoff
 * @param gapThreshold        a silence of the heartbeats partition longer than this is an ingest gap
 * @param budget              most index entries one punctuation acts on; the rest wait for the next one
 * @param failureRetry        how far a monitor's deadline moves when evaluating it failed
 */
public record DetectorSettings(Duration punctuationInterval, Duration margin, Duration gapThreshold, int budget,
        Duration failureRetry) {

    public static DetectorSettings defaults() {
        return new DetectorSettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(5), 10_000,
                Duration.ofSeconds(30));
    }

    public DetectorSettings withBudget(int newBudget) {
        return new DetectorSettings(punctuationInterval, margin, gapThreshold, newBudget, failureRetry);
    }
}
