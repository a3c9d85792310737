package io.pushmon.bench.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Version;

import io.pushmon.bench.BenchContext;
import io.pushmon.bench.Scenario;
import io.pushmon.bench.report.Machine;
import io.pushmon.bench.report.ScenarioResult;
import io.pushmon.processor.detector.DeadlineRule;
import io.pushmon.processor.detector.MonitorState;

/**
 * Scenario 6: what computing a monitor's next deadline costs the processor per heartbeat, an interval monitor's
 * against cron schedules', timed by JMH on the processor's own {@link DeadlineRule} in forked JVMs. No broker and
 * no service: the rule is a pure function, and around a broker the figure would drown in the noise of the rest.
 */
public final class ScheduleScenario implements Scenario {

    /**
     * The processor's CPU per heartbeat the figures are set against: README's performance section, the whole
     * system at 200 connections (ingest, 2026-12-01), interval monitors on the 2-core machine.
     */
    static final double PROCESSOR_NANOS_PER_HEARTBEAT = 59_000;

    /**
     * Iterations. First sight has no JMH warm-up: its first shot, a fresh JVM's first 1,000 parses, is a figure of
     * its own (a restarted processor pays it), and the shots after {@code firstSightWarmShots} are the warm one.
     */
    record Runs(int forks, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime,
            int firstSightForks, int firstSightWarmShots, int firstSightShots) {

        /** Expressions one fork of {@link FirstSight} parses: every one new to it. */
        int firstSightExpressions() {
            return firstSightShots * FirstSight.BATCH;
        }
    }

    /**
     * Warm-up of 10 s: on a busy 2-core machine C2 takes seconds to compile cron-utils' paths, longest for the
     * 1,000 expressions. First sight keeps getting faster over its first 15,000 parses.
     */
    static final Runs FULL = new Runs(3, 10, TimeValue.seconds(1), 5, TimeValue.seconds(1), 3, 15, 30);
    /** One short fork of each: proves it runs, measures nothing. */
    static final Runs SMOKE = new Runs(1, 1, TimeValue.milliseconds(100), 1, TimeValue.milliseconds(100), 1, 1, 2);

    /** A score whose error bar is wider than this share of it is too noisy to quote. */
    private static final double NOISY = 0.10;
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public String title() {
        return "Deadline evaluation per heartbeat: interval against cron schedules (JMH, no broker)";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        int monitors = context.size(10_000, 200);
        Runs runs = context.smoke() ? SMOKE : FULL;
        if (runs.firstSightExpressions() > ExpressionMix.DISTINCT) {
            throw new IllegalStateException("first sight needs " + runs.firstSightExpressions()
                    + " distinct expressions, the mix has " + ExpressionMix.DISTINCT);
        }
        ScenarioResult result = new ScenarioResult(name(), title())
                .setting("JMH", Version.getPlainVersion() + ", GC profiler for the bytes allocated")
                .setting("deadline evaluation", String.format(Locale.ROOT,
                        "average time per call, %d forks x (%d x %s warm-up + %d x %s measured) per case",
                        runs.forks(), runs.warmups(), runs.warmupTime(), runs.measurements(), runs.measurementTime()))
                .setting("first sight", String.format(Locale.ROOT,
                        "single shots of %,d unseen expressions, %d forks x %d shots: shot 1 cold, shots %d-%d warm",
                        FirstSight.BATCH, runs.firstSightForks(), runs.firstSightShots(),
                        runs.firstSightWarmShots() + 1, runs.firstSightShots()))
                .setting("fork JVM", String.join(" ", BenchContext.SERVICE_JVM) + " (the processor's), "
                        + System.getProperty("java.runtime.version"))
                .setting("monitors per case", monitors)
                .setting("heartbeat times", "random milliseconds of 2026, varied timeouts and graces, seed "
                        + ScheduleCase.SEED)
                .setting("processor CPU per heartbeat (reference)", "59 µs: README performance section, whole"
                        + " system at 200 connections, 2026-12-01");

        checkPopulations(context, result, monitors, runs);

        double loadBefore = loadAverage();
        Path dir = context.workDir();
        context.log("timing %d cases, %d monitors each, %d forks (about %d s)", ScheduleCase.values().length,
                monitors, runs.forks(), estimatedSeconds(runs));
        Collection<RunResult> evaluations = new Runner(options(DeadlineEvaluation.class, runs.forks(), dir)
                .param("monitors", Integer.toString(monitors))
                .warmupIterations(runs.warmups()).warmupTime(runs.warmupTime())
                .measurementIterations(runs.measurements()).measurementTime(runs.measurementTime())
                .build()).run();
        context.log("timing the first heartbeat of unseen expressions, %d forks x %d shots", runs.firstSightForks(),
                runs.firstSightShots());
        RunResult firstSight = new Runner(options(FirstSight.class, runs.firstSightForks(), dir)
                .warmupIterations(0).measurementIterations(runs.firstSightShots())
                .build()).runSingle();
        double loadAfter = loadAverage();

        Map<ScheduleCase, Score> perDeadline = new EnumMap<>(ScheduleCase.class);
        Map<ScheduleCase, Double> allocated = new EnumMap<>(ScheduleCase.class);
        for (RunResult run : evaluations) {
            ScheduleCase schedule = ScheduleCase.valueOf(run.getParams().getParam("schedule"));
            perDeadline.put(schedule, new Score(run.getPrimaryResult().getScore(),
                    run.getPrimaryResult().getScoreError()));
            Result<?> bytes = run.getSecondaryResults().get(ALLOCATED);
            allocated.put(schedule, bytes == null ? Double.NaN : bytes.getScore());
        }
        List<List<Double>> shots = firstSight.getBenchmarkResults().stream()
                .map(fork -> fork.getIterationResults().stream()
                        .map(shot -> shot.getPrimaryResult().getScore() * 1_000).toList())
                .toList();
        Score cold = Score.of(shots.stream().map(fork -> fork.get(0)).toList());
        List<Double> warmShots = shots.stream().flatMap(fork -> fork.stream().skip(runs.firstSightWarmShots()))
                .toList();
        Score warm = Score.of(warmShots);
        report(result, perDeadline, allocated, cold, warm);
        // Warm shots come in two speeds, an order of magnitude apart (phases of JIT recompilation, neighbours on a
        // shared machine), so the mean alone misleads: the median tells by how much.
        result.metric("first sight, warm: median shot per heartbeat", median(warmShots) / 1_000, "µs");

        List<String> noisy = new ArrayList<>();
        perDeadline.forEach((schedule, score) -> {
            if (score.noisy(NOISY)) {
                noisy.add(schedule.label());
            }
        });
        if (warm.noisy(NOISY)) {
            noisy.add("first sight, warm");
        }
        result.warning("every score's 99.9% error within " + Math.round(NOISY * 100) + "% of it (cold first sight"
                + " aside)", noisy.isEmpty() ? "all" : "not: " + String.join("; ", noisy), noisy.isEmpty());
        int cores = Runtime.getRuntime().availableProcessors();
        result.warning("1-minute load average below the core count before and after (the forks had the cores)",
                String.format(Locale.ROOT, "%.2f before, %.2f after, %d cores", loadBefore, loadAfter, cores),
                loadBefore < cores && loadAfter < cores);
        result.note("Each case is a population of monitors evaluated in turn, one deadline per call, from"
                + " expressions Schedules has parsed and cached before the clock runs: what every heartbeat of a cron"
                + " monitor costs once the processor has seen its schedule. The interval cases are the baseline:"
                + " bySchedule() is the rule the processor runs for every monitor, periodPlusGrace() what it does for"
                + " one without a schedule.");
        result.note("First sight is the heartbeat that finds its expression not cached (a new schedule, a restarted"
                + " processor, or a cache that filled up and was emptied): parse, cache and evaluate. Parse and"
                + " cache per distinct expression is warm first sight minus the cached 1,000-expression case, whose"
                + " expressions are the same mix of shapes; it is paid once per expression and processor.");
        result.note("JMH's human output and its JSON are in this scenario's folder (deadlines.*, first-sight.*).");
        return result;
    }

    /** A time in nanoseconds and its 99.9% error bar (NaN with too few samples for one). */
    record Score(double nanos, double error) {

        static Score of(List<Double> samples) {
            ListStatistics statistics = new ListStatistics();
            samples.forEach(statistics::addValue);
            return new Score(statistics.getMean(), statistics.getMeanErrorAt(0.999));
        }

        boolean noisy(double share) {
            return !(error <= share * nanos);
        }
    }

    /** The figures: each case, the ratios to the interval monitor, and the shares of a heartbeat's CPU. */
    static void report(ScenarioResult result, Map<ScheduleCase, Score> perDeadline, Map<ScheduleCase, Double> allocated,
            Score cold, Score warm) {
        perDeadline.forEach((schedule, score) -> result
                .metric(schedule.label() + ": per deadline", score.nanos(), "ns")
                .metric(schedule.label() + ": ± (99.9%)", score.error(), "ns")
                .metric(schedule.label() + ": allocated per deadline", allocated.get(schedule), "B"));
        double interval = perDeadline.get(ScheduleCase.INTERVAL).nanos();
        perDeadline.forEach((schedule, score) -> {
            if (schedule.cron()) {
                result.metric(schedule.label() + " / interval", score.nanos() / interval, "x");
            }
        });
        perDeadline.forEach((schedule, score) -> {
            if (schedule.cron()) {
                result.metric(schedule.label() + ": share of the processor's CPU per heartbeat",
                        share(score.nanos()), "%");
            }
        });
        double cached = perDeadline.get(ScheduleCase.DISTINCT_EXPRESSIONS).nanos();
        result.metric("first sight (parse, cache, evaluate), warm: per heartbeat", warm.nanos() / 1_000, "µs")
                .metric("first sight, warm: ± (99.9%)", warm.error() / 1_000, "µs")
                .metric("first sight, cold (a fresh JVM's first 1,000): per heartbeat", cold.nanos() / 1_000, "µs")
                .metric("first sight, cold: ± (99.9%)", cold.error() / 1_000, "µs")
                .metric("parse and cache per distinct expression (warm first sight - 1,000 expressions cached)",
                        (warm.nanos() - cached) / 1_000, "µs")
                .metric("first sight, warm: share of the processor's CPU per heartbeat", share(warm.nanos()), "%");
    }

    static double median(List<Double> samples) {
        ListStatistics statistics = new ListStatistics();
        samples.forEach(statistics::addValue);
        return statistics.getPercentile(50);
    }

    private static double share(double nanos) {
        return 100 * nanos / PROCESSOR_NANOS_PER_HEARTBEAT;
    }

    /**
     * The populations the forks build, built and evaluated here too: the figures are only worth quoting if every
     * population is as varied as the settings say and every rule gave a real deadline.
     */
    private static void checkPopulations(BenchContext context, ScenarioResult result, int monitors, Runs runs) {
        context.log("checking the populations");
        int evaluated = 0;
        int later = 0;
        List<String> problems = new ArrayList<>();
        for (ScheduleCase schedule : ScheduleCase.values()) {
            ScheduleCase.Census census = ScheduleCase.census(schedule.rule(), schedule.monitors(monitors,
                    ScheduleCase.SEED));
            evaluated += census.monitors();
            later += census.deadlinesAfterArmed();
            if (census.distinctArmedAt() < schedule.leastDistinctShare() * monitors) {
                problems.add(schedule.label() + ": " + census.distinctArmedAt() + " distinct heartbeat times");
            }
            int expressions = schedule.mixed() ? Math.min(monitors, ScheduleCase.MIXED_EXPRESSIONS)
                    : schedule.cron() ? 1 : 0;
            if (census.distinctExpressions() != expressions) {
                problems.add(schedule.label() + ": " + census.distinctExpressions() + " distinct expressions");
            }
        }
        List<MonitorState> unseen = new ArrayList<>();
        for (int offset = 0; offset < runs.firstSightExpressions(); offset += FirstSight.BATCH) {
            unseen.addAll(FirstSight.batch(offset));
        }
        ScheduleCase.Census firstSight = ScheduleCase.census(DeadlineRule.bySchedule(), unseen);
        if (firstSight.distinctExpressions() != unseen.size()) {
            problems.add("first sight: " + firstSight.distinctExpressions() + " distinct expressions of "
                    + unseen.size());
        }
        result.invariant("every deadline evaluated falls after its heartbeat (the timed calls compute real ones)",
                String.format(Locale.ROOT, "%d of %d monitors in %d cases; %d of %d unseen expressions", later,
                        evaluated, ScheduleCase.values().length, firstSight.deadlinesAfterArmed(), unseen.size()),
                later == evaluated && firstSight.deadlinesAfterArmed() == unseen.size());
        result.invariant("populations as described: >= 99% distinct heartbeat times per case (90% within a minute),"
                + " one expression per"
                + " named schedule, " + Math.min(monitors, ScheduleCase.MIXED_EXPRESSIONS) + " in the mixed case,"
                + " every first-sight expression distinct",
                problems.isEmpty() ? "yes" : String.join("; ", problems), problems.isEmpty());
    }

    private static ChainedOptionsBuilder options(Class<?> benchmark, int forks, Path dir) {
        String file = benchmark == FirstSight.class ? "first-sight" : "deadlines";
        return new OptionsBuilder()
                .include(Pattern.quote(benchmark.getName() + "."))
                .forks(forks)
                .jvmArgs(BenchContext.SERVICE_JVM.toArray(String[]::new))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .output(dir.resolve(file + ".txt").toString())
                .result(dir.resolve(file + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
    }

    /** Roughly how long the deadline cases take, so the log says what to expect. */
    private static long estimatedSeconds(Runs runs) {
        long perFork = runs.warmups() * runs.warmupTime().convertTo(TimeUnit.MILLISECONDS)
                + runs.measurements() * runs.measurementTime().convertTo(TimeUnit.MILLISECONDS);
        return ScheduleCase.values().length * runs.forks() * (perFork + 1_000) / 1_000;
    }

    /** The 1-minute load average, NaN where the OS does not tell. */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Machine.current().loadAverage().split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
