package io.pushmon.bench.population;

/** A monitor the harness defined: its id, the secret of its push URL and its timeout. */
public record BenchMonitor(String id, String pushToken, int timeoutSeconds) {

    @Override
    public String toString() {
        // The token is a credential even in a benchmark: keep it out of logs and reports.
        return "BenchMonitor[id=" + id + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
