package io.pushmon.processor.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * Tuning of the policy step, independent of Quarkus so topology tests build it directly.
 *
 * @param punctuationInterval how often (wall clock) due reminders, group windows and window ends are looked for
 * @param grouping            correlated outages of a group become one notice
 * @param groupingWindow      how long the first down of a group waits for others, and how long later joins are
 *                            gathered before one notice about them
 * @param groupingMinSize     fewest members down together that make a group notice; fewer are notified one by one
 * @param groupUntagged       a tenant's untagged monitors form a group too (else each is notified on its own)
 * @param storm               the storm guard
 */
public record PolicySettings(Duration punctuationInterval, boolean grouping, Duration groupingWindow,
        int groupingMinSize, boolean groupUntagged, Storm storm) {

    public static PolicySettings defaults() {
        return new PolicySettings(Duration.ofSeconds(1), true, Duration.ofSeconds(15), 3, false, Storm.defaults());
    }

    public PolicySettings withGrouping(boolean on, Duration window, int minSize) {
        return new PolicySettings(punctuationInterval, on, window, minSize, groupUntagged, storm);
    }

    public PolicySettings withUntaggedGrouped(boolean on) {
        return new PolicySettings(punctuationInterval, grouping, groupingWindow, groupingMinSize, on, storm);
    }

    public PolicySettings withStorm(Storm newStorm) {
        return new PolicySettings(punctuationInterval, grouping, groupingWindow, groupingMinSize, groupUntagged,
                newStorm);
    }

    /**
     * The storm guard: many downs while pushmon's own ingest fell point at pushmon, not at the monitors.
     *
     * @param enabled          on or off
     * @param downShare        share of all monitors going down within a minute that, with the ingest drop, is a storm
     * @param ingestDrop       how far the ingest rate must fall below its baseline (0.3 = by 30%)
     * @param minMonitors      below this many monitors in all there is no storm (a small system's share is noise)
     * @param confirm          how long a down waits while ingest is falling but the share is not (yet) reached
     * @param settle           once ingest is back, how long the held downs wait for the recoveries still on their way
     * @param releaseStillDown when the storm ends, notify the held monitors that are still down (else drop them)
     * @param operatorTenant   tenant of the operator channel that is told about storms
     * @param operatorChannel  that channel
     * @param pulseInterval    how often each detector task reports its counts
     * @param pulseStale       a task's pulse older than this is left out (its partition is moving)
     */
    public record Storm(boolean enabled, double downShare, double ingestDrop, long minMonitors, Duration confirm,
            Duration settle, boolean releaseStillDown, Optional<String> operatorTenant,
            Optional<String> operatorChannel, Duration pulseInterval, Duration pulseStale) {

        public static Storm defaults() {
            return new Storm(true, 0.2, 0.3, 100, Duration.ofSeconds(15), Duration.ofSeconds(60), true,
                    Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(30));
        }

        public Storm disabled() {
            return new Storm(false, downShare, ingestDrop, minMonitors, confirm, settle, releaseStillDown,
                    operatorTenant, operatorChannel, pulseInterval, pulseStale);
        }
    }
}
