package io.pushmon.processor.policy;

import java.util.Collection;

import io.pushmon.common.model.DetectorPulse;

/**
 * Judges, from every detector task's latest pulse, whether the downs being declared are more likely pushmon's own
 * ingest failing than the monitors: many monitors down within a minute while fewer pushes arrive than usual. A
 * complete ingest outage never gets here (the detector's clock stops with its ticks); this is for a partial one,
 * such as one gateway zone gone, where ticks from the rest keep time moving.
 */
public final class StormGuard {

    /** What the pulses say. */
    public enum Verdict {
        /** Ingest as usual: downs are the monitors'. */
        NORMAL,
        /** Ingest fell but not many monitors are down (yet): downs wait a little. */
        INGEST_FALLING,
        /** Ingest fell and many monitors went down: hold their notices. */
        STORM
    }

    /**
     * The figures a verdict was made of, summed over the fresh pulses.
     *
     * @param verdict   the verdict
     * @param monitors  monitors in all
     * @param downs     downs declared within the last minute
     * @param ingest    pushes per second now
     * @param baseline  pushes per second before: the pulses' baseline, or the rate from before the current fall
     */
    public record Assessment(Verdict verdict, long monitors, long downs, double ingest, double baseline) {

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s: %d of %d monitors down within a minute, ingest %.1f/s"
                    + " against %.1f/s before", verdict, downs, monitors, ingest, baseline);
        }
    }

    private final PolicySettings.Storm settings;
    /** When ingest was last seen below its baseline by the drop (wall clock), or never. */
    private long lastFellAt = Long.MIN_VALUE;
    /** The baseline when the current fall was first seen, or 0 outside a fall. */
    private double baselineBeforeFall;
    /** When the current fall was first seen (wall clock). */
    private long fellSince;

    /** One guard per policy task: it remembers when ingest last fell. */
    public StormGuard(PolicySettings.Storm settings) {
        this.settings = settings;
    }

    /**
     * The verdict at wall-clock {@code now} from the pulses; stale ones (a partition moving) are left out. A fall
     * counts for {@code storm.confirm} after it was last seen: ingest comes in bursts (jobs on the same schedule push
     * together), and a burst during an outage must not make the downs arriving with it look like the monitors' own.
     */
    public Assessment assess(Collection<DetectorPulse> pulses, long now) {
        long monitors = 0;
        long downs = 0;
        double ingest = 0;
        double baseline = 0;
        for (DetectorPulse pulse : pulses) {
            if (pulse == null || pulse.at() == null
                    || now - pulse.at().toEpochMilli() > settings.pulseStale().toMillis()) {
                continue;
            }
            monitors += pulse.monitors();
            downs += pulse.downsLastMinute();
            ingest += pulse.ingestPerSecond();
            baseline += pulse.baselinePerSecond();
        }
        Verdict verdict = verdict(monitors, downs, ingest, baseline, now);
        return new Assessment(verdict, monitors, downs, ingest, Math.max(baseline, baselineBeforeFall));
    }

    /**
     * True when a storm that began at {@code baselineBefore} pushes per second is over: ingest is back above the
     * drop's threshold by half the drop again (85% with the default 30%), so a rate hovering at the threshold does
     * not start and end storms in turn.
     */
    public boolean over(Assessment current, double baselineBefore) {
        return current.ingest() >= baselineBefore * (1 - settings.ingestDrop() / 2);
    }

    /** A storm ended: the falls seen before its end are what it was about, not the start of the next one. */
    public void stormEnded() {
        lastFellAt = Long.MIN_VALUE;
        baselineBeforeFall = 0;
    }

    private Verdict verdict(long monitors, long downs, double ingest, double baseline, long now) {
        if (!settings.enabled() || monitors < settings.minMonitors() || baseline <= 0) {
            return Verdict.NORMAL;
        }
        // The pulses' baseline is a moving mean that takes in the fallen rate: by the time the silent monitors'
        // deadlines come (an interval plus grace later) it may have sunk close to it, and the downs arriving then
        // would look like the monitors' own. A fall is judged against the rate from before it, until ingest is back
        // or the pulses' baseline window no longer holds any of that rate.
        if (baselineBeforeFall > 0 && (ingest >= baselineBeforeFall * (1 - settings.ingestDrop() / 2)
                || now - fellSince > PulseProcessor.BASELINE_SECONDS * 1000L)) {
            baselineBeforeFall = 0;
        }
        double before = Math.max(baseline, baselineBeforeFall);
        if (ingest < before * (1 - settings.ingestDrop())) {
            if (baselineBeforeFall == 0) {
                baselineBeforeFall = baseline;
                fellSince = now;
            }
            lastFellAt = now;
        }
        boolean fellRecently = lastFellAt != Long.MIN_VALUE && now - lastFellAt <= settings.confirm().toMillis();
        if (!fellRecently) {
            return Verdict.NORMAL;
        }
        return downs >= settings.downShare() * monitors ? Verdict.STORM : Verdict.INGEST_FALLING;
    }
}
