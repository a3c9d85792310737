package io.pushmon.bench.report;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of a set of durations in milliseconds (nearest-rank percentiles). */
public record Distribution(int count, long min, long p50, long p90, long p99, long max) {

    public static Distribution of(Collection<Long> millis) {
        return of(millis.stream().mapToLong(Long::longValue).toArray());
    }

    public static Distribution of(long[] millis) {
        if (millis.length == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Distribution(sorted.length, sorted[0], rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** Adds this distribution to a result as {@code <prefix> p50} ... metrics in ms. */
    public void addTo(ScenarioResult result, String prefix) {
        result.metric(prefix + " count", count, "");
        result.metric(prefix + " p50", p50, "ms");
        result.metric(prefix + " p90", p90, "ms");
        result.metric(prefix + " p99", p99, "ms");
        result.metric(prefix + " max", max, "ms");
    }
}
