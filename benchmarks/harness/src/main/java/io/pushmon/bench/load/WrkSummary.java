package io.pushmon.bench.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON line {@link WrkScript}'s {@code done()} prints at the end of a wrk run. Latencies are wrk's, in
 * microseconds: its histogram after its own correction for coordinated omission (a sample longer than twice the mean
 * interval of a connection adds the samples a client sending at that interval would have seen).
 *
 * @param requests      answers over the run, whatever their status
 * @param non2xx        answers with a status of 400 or above ({@code summary.errors.status}; wrk's rule, so a 3xx
 *                      would count as 2xx)
 * @param timeouts      answers that came later than {@code --timeout}
 * @param connectErrors failed connects; {@code readErrors} and {@code writeErrors} are connections that broke
 */
public record WrkSummary(long requests, long durationMicros, long p50Micros, long p90Micros, long p99Micros,
        long p999Micros, long maxMicros, long non2xx, long connectErrors, long readErrors, long writeErrors,
        long timeouts) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The summary in wrk's output: its last line that is a JSON object, after wrk's own text. */
    static WrkSummary parse(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            String line = output.get(i).strip();
            if (line.startsWith("{")) {
                try {
                    return JSON.readValue(line, WrkSummary.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("wrk's summary line is not what WrkScript prints: " + line, e);
                }
            }
        }
        throw new IllegalStateException("no summary line in wrk's output (did the script's done() run?)");
    }

    long socketErrors() {
        return connectErrors + readErrors + writeErrors + timeouts;
    }

    /**
     * The result of a measured run after a warm-up run: the measured run's figures, while the answers and the
     * generator's CPU time cover both, as the other processes' CPU is read over both.
     */
    LoadResult toResult(WrkSummary warmup, long cpuMicros) {
        String firstError = socketErrors() == 0 ? null : String.format("wrk socket errors: connect %d, read %d,"
                + " write %d, timeout %d", connectErrors, readErrors, writeErrors, timeouts);
        return new LoadResult(requests, durationMicros / 1e6, p50Micros, p90Micros, p99Micros, p999Micros, maxMicros,
                new TreeMap<>(Map.of("2xx", requests - non2xx, "non-2xx", non2xx)), socketErrors(), firstError,
                warmup.requests + requests, cpuMicros);
    }
}
