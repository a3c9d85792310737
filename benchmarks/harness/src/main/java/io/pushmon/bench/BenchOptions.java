package io.pushmon.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.pushmon.bench.report.BaselineComparison;

/**
 * What {@code ./pushmon-bench} was asked to do.
 *
 * @param scenarios the scenarios to run, in order (all when none is named)
 * @param size      monitors for the population-driven scenarios instead of each one's default
 * @param smoke     tiny sizes and short runs: proves the harness works, measures nothing
 * @param out       the folder the report goes to
 * @param gatewayVariants other gateways the ingest scenario measures too, by name, in the order given: another
 *                  build's {@code quarkus-app} directory, this build with other settings, or both
 * @param processorVariants other processors the processor scenario measures too, in the same way
 * @param dispatcherVariants other dispatchers, in the same way; the detection and storm scenarios run one more
 *                  system per name given to any kind of variant, with those services
 * @param baseline  a report.json the run is compared with, figure by figure
 * @param against   a report.json to compare with the baseline instead of running anything
 * @param regressionThreshold how much worse than the baseline a figure may get before it counts as a regression
 */
public record BenchOptions(List<String> scenarios, OptionalInt size, boolean smoke, Path out,
        Map<String, ServiceVariant> gatewayVariants, Map<String, ServiceVariant> processorVariants,
        Map<String, ServiceVariant> dispatcherVariants, Optional<Path> baseline, Optional<Path> against, double regressionThreshold) {

    public static final String USAGE = """
            usage: ./pushmon-bench [scenario ...] [--size N] [--smoke] [--out DIR]
                                   [--gateway-variant NAME=DIR[,P=V...] ...] [--processor-variant NAME=DIR[,P=V...] ...]
                                   [--dispatcher-variant NAME=DIR[,P=V...] ...]
                                   [--compare BASELINE.json [--regression-threshold F]]
                   ./pushmon-bench --compare BASELINE.json --against REPORT.json [--regression-threshold F] [--out DIR]
              scenarios: %s (default: all)
              --size N   monitors for detection, punctuation, storm, sustained, footprint, schedule and dashboard
                         instead of their defaults
              --smoke    tiny sizes and 2-second loads: checks the harness end to end, measures nothing
              --out DIR  where report.md and report.json go (default bench-results/<time>)
              --gateway-variant NAME=DIR[,property=value...]
                         ingest also measures the gateway packaged in DIR (a quarkus-app directory, e.g. an
                         earlier build's; '.' for this build) started with the given settings, labelled NAME,
                         alternating with this build's; repeatable
              --processor-variant NAME=DIR[,property=value...]
                         the processor scenario also measures this processor, alternating with this build's;
                         repeatable
              --dispatcher-variant NAME=DIR[,property=value...]
                         a dispatcher, in the same way. The detection and storm scenarios run one more system
                         per NAME given to any of the three options, with those services and this build's
                         others
              --compare BASELINE.json
                         after the run, compare every figure with the baseline report (e.g.
                         docs/benchmarks/baseline.json) into comparison.md and print the regressions
              --against REPORT.json
                         with --compare: run nothing, compare this report (a report.json or its folder) instead
              --regression-threshold F
                         how much worse than the baseline a figure may get before it is a regression (default 0.15)""";

    /** Parses the command line; throws {@link IllegalArgumentException} with a message for the user. */
    public static BenchOptions parse(String[] args, List<String> known, Path defaultOut) {
        List<String> scenarios = new ArrayList<>();
        OptionalInt size = OptionalInt.empty();
        boolean smoke = false;
        Path out = defaultOut;
        Map<String, ServiceVariant> gateways = new LinkedHashMap<>();
        Map<String, ServiceVariant> processors = new LinkedHashMap<>();
        Map<String, ServiceVariant> dispatchers = new LinkedHashMap<>();
        Optional<Path> baseline = Optional.empty();
        Optional<Path> against = Optional.empty();
        Optional<Double> threshold = Optional.empty();
        List<String> runOnly = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--size" -> size = OptionalInt.of(positive(value(args, ++i, arg)));
                case "--smoke" -> smoke = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--gateway-variant" -> variant(arg, value(args, ++i, arg), gateways);
                case "--processor-variant" -> variant(arg, value(args, ++i, arg), processors);
                case "--dispatcher-variant" -> variant(arg, value(args, ++i, arg), dispatchers);
                case "--compare" -> baseline = Optional.of(Path.of(value(args, ++i, arg)));
                case "--against" -> against = Optional.of(Path.of(value(args, ++i, arg)));
                case "--regression-threshold" -> threshold = Optional.of(fraction(arg, value(args, ++i, arg)));
                default -> {
                    if (arg.startsWith("-") || !known.contains(arg)) {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                    scenarios.add(arg);
                }
            }
            if (List.of("--size", "--smoke", "--gateway-variant", "--processor-variant", "--dispatcher-variant")
                    .contains(arg)
                    || known.contains(arg)) {
                runOnly.add(arg);
            }
        }
        if (baseline.isEmpty() && (against.isPresent() || threshold.isPresent())) {
            throw new IllegalArgumentException((against.isPresent() ? "--against" : "--regression-threshold")
                    + " needs --compare BASELINE.json");
        }
        if (against.isPresent() && !runOnly.isEmpty()) {
            throw new IllegalArgumentException("--against compares two reports and runs nothing: '" + runOnly.get(0)
                    + "' does not go with it");
        }
        return new BenchOptions(scenarios.isEmpty() ? List.copyOf(known) : List.copyOf(scenarios), size, smoke,
                out, Collections.unmodifiableMap(gateways), Collections.unmodifiableMap(processors),
                Collections.unmodifiableMap(dispatchers), baseline,
                against, threshold.orElse(BaselineComparison.DEFAULT_THRESHOLD));
    }

    /** Above 0 (or every wobble is a regression), below 1 (or a throughput could never fall far enough). */
    private static double fraction(String option, String text) {
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && value < 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw new IllegalArgumentException(option + " must be a fraction between 0 and 1 (0.15 is 15%), not '"
                + text + "'");
    }

    /** {@code NAME=DIR[,...]}; the name labels the variant's rows in the report, so it must be unique and plain. */
    private static void variant(String option, String text, Map<String, ServiceVariant> variants) {
        int equals = text.indexOf('=');
        String name = equals < 0 ? "" : text.substring(0, equals);
        String dir = equals < 0 ? "" : text.substring(equals + 1);
        if (!name.matches("[A-Za-z0-9._-]+") || dir.isEmpty()) {
            throw new IllegalArgumentException(option + " takes NAME=DIR (NAME of letters, digits, . _ -),"
                    + " not '" + text + "'");
        }
        if (variants.putIfAbsent(name, ServiceVariant.parse(dir)) != null) {
            throw new IllegalArgumentException(option + " " + name + " is given twice");
        }
    }

    /** The population of a scenario: {@code --size} if given, the smoke size in a smoke run, else its default. */
    public int size(int defaultSize, int smokeSize) {
        if (size.isPresent()) {
            return size.getAsInt();
        }
        return smoke ? smokeSize : defaultSize;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String text) {
        try {
            int value = Integer.parseInt(text.replace("_", ""));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the offending text
        }
        throw new IllegalArgumentException("--size must be a positive whole number, not '" + text + "'");
    }
}
