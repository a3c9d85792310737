package io.pushmon.bench.load;

import java.util.Map;

/**
 * What a load run measured. Latency is per request, from send to the end of the answer, in microseconds.
 *
 * @param requests   answered requests in the recorded phase
 * @param seconds    length of the recorded phase
 * @param statuses   answers by HTTP status ({@code "200"}, {@code "503"}); from wrk, which tells only statuses of
 *                   400 and above apart, by class: {@code "2xx"} (every status below 400) and {@code "non-2xx"}
 * @param errors     requests that got no answer (connection refused, reset, timeout)
 * @param firstError the first such error, for the report
 * @param allAnswered answers over the whole run, warm-up included: CPU time of the whole run divides by this
 * @param cpuMicros   CPU time the generator itself used over the whole run
 */
public record LoadResult(long requests, double seconds, long p50Micros, long p90Micros, long p99Micros,
        long p999Micros, long maxMicros, Map<String, Long> statuses, long errors, String firstError,
        long allAnswered, long cpuMicros) {

    public double perSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    /** Answers that were not 2xx, plus requests with no answer at all. */
    public long failures() {
        return errors + statuses.entrySet().stream().filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
