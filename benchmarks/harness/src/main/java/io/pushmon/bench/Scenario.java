package io.pushmon.bench;

import io.pushmon.bench.report.ScenarioResult;

/** One benchmark: it starts what it needs, measures, stops everything it started and returns its figures. */
public interface Scenario {

    /** The name on the command line and in the report, e.g. {@code ingest}. */
    String name();

    /** A one-line title for the report. */
    String title();

    ScenarioResult run(BenchContext context) throws Exception;
}
