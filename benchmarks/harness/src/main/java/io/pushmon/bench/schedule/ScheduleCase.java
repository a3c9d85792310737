package io.pushmon.bench.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

import io.pushmon.common.model.CronSchedule;
import io.pushmon.common.model.MonitorDefinition;
import io.pushmon.processor.detector.DeadlineRule;
import io.pushmon.processor.detector.MonitorState;

/**
 * The monitors whose deadline evaluation is timed: an interval monitor, the processor's rule on an interval
 * monitor, five schedules owners write, and many distinct expressions at once. Every case is a population of
 * monitors armed at different milliseconds over a whole year (so across both DST changes and every month end):
 * one state at one time would time a single path through cron-utils, warm in the CPU's caches and branch
 * predictors, instead of the spread of paths a processor's heartbeats take.
 */
public enum ScheduleCase {

    INTERVAL("interval monitor, periodPlusGrace()", DeadlineRule.periodPlusGrace(), (i, random) -> null),
    INTERVAL_BY_SCHEDULE("interval monitor, bySchedule()", DeadlineRule.bySchedule(), (i, random) -> null),
    EVERY_FIVE_MINUTES("*/5 * * * * UTC", DeadlineRule.bySchedule(), fixed("*/5 * * * *", "UTC")),
    NIGHTLY_BERLIN("0 3 * * * Europe/Berlin", DeadlineRule.bySchedule(), fixed("0 3 * * *", "Europe/Berlin")),
    WEEKLY("@weekly UTC", DeadlineRule.bySchedule(), fixed("@weekly", "UTC")),
    WEEKDAYS_NEW_YORK("30 2 * * 1-5 America/New_York", DeadlineRule.bySchedule(),
            fixed("30 2 * * 1-5", "America/New_York")),
    MONTH_ENDS("0 0 31 * * UTC", DeadlineRule.bySchedule(), fixed("0 0 31 * *", "UTC")),
    DISTINCT_EXPRESSIONS("1,000 distinct expressions, 8 zones", DeadlineRule.bySchedule(),
            (i, random) -> ExpressionMix.schedule(i % ScheduleCase.MIXED_EXPRESSIONS, random)),
    /**
     * Heartbeats as a processor reads them: all within one minute of "now". Schedules then answers most of them from
     * the run it computed last for the schedule, which the year-wide cases above deliberately defeat.
     */
    NIGHTLY_BERLIN_NOW("0 3 * * * Europe/Berlin, heartbeats within a minute", DeadlineRule.bySchedule(),
            fixed("0 3 * * *", "Europe/Berlin"), ScheduleCase.NOW_SPAN_MILLIS),
    DISTINCT_EXPRESSIONS_NOW("1,000 distinct expressions, heartbeats within a minute", DeadlineRule.bySchedule(),
            (i, random) -> ExpressionMix.schedule(i % ScheduleCase.MIXED_EXPRESSIONS, random),
            ScheduleCase.NOW_SPAN_MILLIS);

    /**
     * Expressions in play in {@link #DISTINCT_EXPRESSIONS}: many parsed forms in use at once instead of one, yet fewer
     * than the 10,000 that Schedules keeps, so every evaluation is still a hit of its cache.
     */
    public static final int MIXED_EXPRESSIONS = 1_000;

    /** One population for every fork and the checks, so they time and check the same monitors. */
    public static final long SEED = 20_261_202L;

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    // Constant expressions, so the enum's constants may use them.
    private static final long SPAN_MILLIS = 365L * 24 * 3600 * 1000;
    private static final long NOW_SPAN_MILLIS = 60_000L;
    private static final long[] TIMEOUTS = { 60, 300, 900, 3_600, 21_600, 86_400 };
    private static final long[] GRACES = { 0, 30, 60, 300, 900 };

    private final String label;
    private final DeadlineRule rule;
    private final BiFunction<Integer, Random, CronSchedule> schedules;
    private final long spanMillis;

    ScheduleCase(String label, DeadlineRule rule, BiFunction<Integer, Random, CronSchedule> schedules) {
        this(label, rule, schedules, SPAN_MILLIS);
    }

    ScheduleCase(String label, DeadlineRule rule, BiFunction<Integer, Random, CronSchedule> schedules,
            long spanMillis) {
        this.label = label;
        this.rule = rule;
        this.schedules = schedules;
        this.spanMillis = spanMillis;
    }

    /** How the report names the case. */
    public String label() {
        return label;
    }

    public DeadlineRule rule() {
        return rule;
    }

    /** True for the cases with many expressions in play. */
    public boolean mixed() {
        return this == DISTINCT_EXPRESSIONS || this == DISTINCT_EXPRESSIONS_NOW;
    }

    /**
     * The least share of distinct heartbeat times the population has: within a minute's 60,000 milliseconds some
     * of 10,000 monitors share one, as heartbeats do.
     */
    public double leastDistinctShare() {
        return spanMillis == NOW_SPAN_MILLIS ? 0.90 : 0.99;
    }

    public boolean cron() {
        return this != INTERVAL && this != INTERVAL_BY_SCHEDULE;
    }

    /** {@code count} monitors of this case, the same for the same seed. */
    public List<MonitorState> monitors(int count, long seed) {
        return monitors(count, seed, schedules, spanMillis);
    }

    /**
     * {@code count} monitors armed at random milliseconds of 2026, with varied timeouts and graces, the schedule
     * of monitor {@code i} from {@code schedules} (null for an interval monitor), in random order: heartbeats do not
     * arrive grouped by schedule.
     */
    static List<MonitorState> monitors(int count, long seed, BiFunction<Integer, Random, CronSchedule> schedules) {
        return monitors(count, seed, schedules, SPAN_MILLIS);
    }

    /** The same, armed within {@code spanMillis} from the start of 2026. */
    static List<MonitorState> monitors(int count, long seed, BiFunction<Integer, Random, CronSchedule> schedules,
            long spanMillis) {
        Random random = new Random(seed);
        List<MonitorState> monitors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CronSchedule cron = schedules.apply(i, random);
            long timeout = cron == null ? TIMEOUTS[random.nextInt(TIMEOUTS.length)] : 0;
            long grace = GRACES[random.nextInt(GRACES.length)];
            long armedAt = FROM.toEpochMilli() + (long) (random.nextDouble() * spanMillis);
            MonitorDefinition definition = new MonitorDefinition("monitor-" + i, "tenant-" + i % 100, "job " + i,
                    "token-" + i, timeout, grace, false, List.of(), FROM, FROM, cron);
            monitors.add(MonitorState.created(definition).armed(armedAt, null));
        }
        Collections.shuffle(monitors, random);
        return monitors;
    }

    /**
     * What a population is, checked outside the timed code: that it is as varied as the report says, and that
     * every deadline the rule gives falls after the heartbeat (a rule that threw or returned nonsense would
     * otherwise be timed as fast).
     */
    public static Census census(DeadlineRule rule, List<MonitorState> monitors) {
        Set<Long> armedAt = new HashSet<>();
        Set<String> expressions = new HashSet<>();
        int later = 0;
        for (MonitorState monitor : monitors) {
            armedAt.add(monitor.armedAt());
            if (monitor.cron() != null) {
                expressions.add(monitor.cron().expression());
            }
            if (rule.deadlineAfter(monitor, monitor.armedAt()) > monitor.armedAt()) {
                later++;
            }
        }
        return new Census(monitors.size(), armedAt.size(), expressions.size(), later);
    }

    /**
     * @param monitors            how many
     * @param distinctArmedAt     distinct heartbeat times among them
     * @param distinctExpressions distinct cron expressions among them (0 for interval monitors)
     * @param deadlinesAfterArmed monitors whose deadline falls after their heartbeat: all of them, or the rule is
     *                            broken
     */
    public record Census(int monitors, int distinctArmedAt, int distinctExpressions, int deadlinesAfterArmed) {
    }

    private static BiFunction<Integer, Random, CronSchedule> fixed(String expression, String zone) {
        CronSchedule schedule = new CronSchedule(expression, zone);
        return (i, random) -> schedule;
    }
}
