package io.pushmon.common.model;

import java.time.Instant;

/**
 * What one detector task saw recently, the value of the compacted {@code detector-pulse} (key: the partition).
 * Every processor instance reads all of them, so the storm guard judges the whole system, not its own partitions.
 *
 * @param partition          the heartbeats partition
 * @param at                 wall-clock time of this pulse
 * @param monitors           monitors the task holds
 * @param downsLastMinute    downs it declared within the last minute
 * @param ingestPerSecond    pushes per second it read over the last {@code recent} seconds
 * @param baselinePerSecond  pushes per second over the minutes before that (the normal rate)
 */
public record DetectorPulse(int partition, Instant at, long monitors, long downsLastMinute, double ingestPerSecond,
        double baselinePerSecond) {
}
