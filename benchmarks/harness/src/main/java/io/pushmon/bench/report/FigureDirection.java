package io.pushmon.bench.report;

import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Which way a figure of a report gets better. Reports carry no direction, so it is read off the figure's unit and
 * name by the rules of {@link #of}; a figure no rule claims is {@link #UNKNOWN}, and a comparison shows it without
 * ever calling it a regression: a wrong guess would be worse than none.
 */
public enum FigureDirection {
    HIGHER_IS_BETTER, LOWER_IS_BETTER, UNKNOWN;

    private record Rule(BiPredicate<String, String> matches, FigureDirection direction) {
    }

    private static final Set<String> TIME_UNITS = Set.of("ns", "µs", "us", "ms", "s");
    private static final Set<String> SIZE_UNITS = Set.of("B", "KB", "KiB", "MB", "MiB", "GB", "GiB");

    /**
     * First match wins, so the exceptions come before the unit rules they would otherwise fall under (a flood's
     * rate is in /s, an error bar in ns, CPU seconds per second has no unit).
     */
    private static final List<Rule> RULES = List.of(
            // The error bar of a JMH score: its width says how noisy the run was, not how fast the code is.
            new Rule((name, unit) -> name.contains("±"), UNKNOWN),
            // The machine's condition during the run, not pushmon's.
            new Rule((name, unit) -> name.contains("load average"), UNKNOWN),
            // The noisy tenant's rates are the load applied and its plan's cap; more of them is not better.
            new Rule((name, unit) -> name.startsWith("flood "), UNKNOWN),
            // What measures rather than what is measured: the bare endpoint (the ceiling), the load generator and
            // the harness. When they move, the machine did; the gateway's share of the bare endpoint is pushmon's.
            new Rule((name, unit) -> name.startsWith("bare ") || name.contains("generator")
                    || name.contains("harness"), UNKNOWN),
            // CPU per push, request, page or heartbeat, CPU seconds, CPU share: always a cost.
            new Rule((name, unit) -> name.contains("CPU"), LOWER_IS_BETTER),
            new Rule((name, unit) -> unit.equals("/s") || name.contains("pushes/s") || name.contains("heartbeats/s")
                    || name.contains("requests/s") || name.contains("per second"), HIGHER_IS_BETTER),
            // Latencies and durations.
            new Rule((name, unit) -> TIME_UNITS.contains(unit), LOWER_IS_BETTER),
            // Heap, state and page bytes.
            new Rule((name, unit) -> SIZE_UNITS.contains(unit), LOWER_IS_BETTER),
            new Rule((name, unit) -> unit.equals("records") || name.contains(" lag"), LOWER_IS_BETTER),
            // A multiple of a reference case (1,000 against 100 monitors, a cron against an interval): its cost.
            new Rule((name, unit) -> unit.equals("x") || unit.equals("×"), LOWER_IS_BETTER),
            // The gateway's throughput as a share of the bare endpoint's.
            new Rule((name, unit) -> unit.equals("%") && name.contains("/ bare"), HIGHER_IS_BETTER),
            // What a flood adds to the steady tenant's p99.
            new Rule((name, unit) -> unit.equals("%") && name.contains("with / without"), LOWER_IS_BETTER));

    /** The direction of a figure named {@code name} in {@code unit} ("" for a count). */
    public static FigureDirection of(String name, String unit) {
        return RULES.stream().filter(rule -> rule.matches().test(name, unit)).findFirst().map(Rule::direction)
                .orElse(UNKNOWN);
    }
}
