package io.pushmon.bench.load;

import java.io.IOException;
import java.nio.file.Path;

/** The Vert.x {@link LoadGenerator} for timed loads, where wrk cannot be had; the report says why. */
final class VertxLoad implements TimedLoad {

    private final String whyNotWrk;

    VertxLoad(String whyNotWrk) {
        this.whyNotWrk = whyNotWrk;
    }

    @Override
    public LoadResult run(LoadSpec spec, Path output) throws IOException, InterruptedException {
        return LoadProcess.run(spec, output);
    }

    @Override
    public String description() {
        return "Vert.x closed loop in a separate JVM, POST /api/push/<token> round-robin over the monitors' tokens"
                + " (not wrk: " + whyNotWrk + ")";
    }
}
