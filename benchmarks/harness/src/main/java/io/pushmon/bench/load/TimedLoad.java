package io.pushmon.bench.load;

import java.io.IOException;
import java.nio.file.Path;

/** A generator of timed loads on the push endpoint: a warm-up that is not recorded, then the measured load. */
public interface TimedLoad {

    /** Runs one load (a timed {@link LoadSpec}) and waits for it; its raw output goes to {@code output}. */
    LoadResult run(LoadSpec spec, Path output) throws IOException, InterruptedException;

    /** What generates the load and how, for the report's settings. */
    String description();
}
