package io.pushmon.bench.punctuation;

import io.pushmon.bench.metrics.PrometheusText;

/**
 * The detector's punctuations between two scrapes of the processor's {@code /q/metrics}, from the deltas of its
 * meters (one figure per process: every task's punctuations are summed), and what else the process and the
 * machine did meanwhile: a punctuation of a few microseconds is easily lengthened by a GC pause or a busy core.
 *
 * @param punctuations        punctuations that ended in the window
 * @param meanMicros          their mean duration
 * @param maxMicros           Micrometer's rolling maximum at the end of the window (its last 2 minutes)
 * @param touchedPerPunctuation deadline-index entries read per punctuation, peeks included
 * @param duePerPunctuation   due entries acted on per punctuation
 * @param gcPauseMillis       the processor's GC pauses in the window (NaN if not exposed)
 * @param cpuSeconds          CPU time the processor used in the window (NaN if not exposed)
 * @param loadAverage         the machine's 1-minute load average at the end (NaN if not exposed)
 * @param eventsSinceStart    status changes the processor emitted since it started, the load included
 */
record PunctuationWindow(long punctuations, double meanMicros, double maxMicros, double touchedPerPunctuation,
        double duePerPunctuation, double gcPauseMillis, double cpuSeconds, double loadAverage, long eventsSinceStart) {

    static final String COUNT = "pushmon_detector_punctuation_duration_seconds_count";
    static final String SECONDS = "pushmon_detector_punctuation_duration_seconds_sum";
    static final String MAX = "pushmon_detector_punctuation_duration_seconds_max";
    static final String TOUCHED = "pushmon_detector_index_entries_touched_total";
    static final String DUE = "pushmon_detector_due_entries_sum";
    static final String GC_SECONDS = "jvm_gc_pause_seconds_sum";
    static final String CPU_NANOS = "process_cpu_time_ns_total";
    static final String LOAD = "system_load_average_1m";
    static final String EVENTS = "pushmon_detector_events_total";

    static PunctuationWindow between(PrometheusText before, PrometheusText after) {
        long punctuations = Math.round(after.sum(COUNT) - before.sum(COUNT));
        if (punctuations <= 0) {
            throw new IllegalStateException("the processor did not punctuate in the window");
        }
        double seconds = after.sum(SECONDS) - before.sum(SECONDS);
        double touched = after.sum(TOUCHED) - before.sum(TOUCHED);
        double due = after.sum(DUE) - before.sum(DUE);
        return new PunctuationWindow(punctuations, seconds * 1e6 / punctuations, after.max(MAX) * 1e6,
                touched / punctuations, due / punctuations, delta(before, after, GC_SECONDS) * 1e3,
                delta(before, after, CPU_NANOS) / 1e9, after.has(LOAD) ? after.max(LOAD) : Double.NaN,
                Math.round(after.sum(EVENTS)));
    }

    private static double delta(PrometheusText before, PrometheusText after, String name) {
        return before.has(name) && after.has(name) ? after.sum(name) - before.sum(name) : Double.NaN;
    }
}
