package io.pushmon.bench.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.pushmon.common.model.CronSchedule;

/**
 * Distinct cron expressions of the shapes owners write (nightly, weekdays, every few minutes in office hours, twice
 * a day, monthly, quarterly...), for the runs where many expressions are in play. Expression {@code i} takes the
 * shapes in turn, so any run of consecutive indices holds every shape alike: the first 1,000 (evaluated from the
 * cache) and any later 1,000 (parsed on first sight) are the same mix, and their costs can be subtracted.
 */
final class ExpressionMix {

    /** Zones a monitor's schedule is read in: with and without daylight saving time, both hemispheres. */
    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "America/New_York", "Europe/London",
            "Asia/Tokyo", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata");

    /**
     * Within a shape, index {@code j} picks its fields from {@code j * STRIDE mod size}, so neighbours differ in
     * several fields rather than in the last one only; a prime that divides no shape's size keeps that a permutation.
     */
    private static final long STRIDE = 7_919;

    private static final List<String> STAR = List.of("*");
    private static final List<String> MINUTES = numbers(0, 59);
    private static final List<String> HOURS = numbers(0, 23);
    private static final List<String> DAYS_OF_MONTH = numbers(1, 28);
    private static final List<String> HOUR_PAIRS = pairs(0, 23, ",");
    private static final List<String> HOUR_RANGES = pairs(0, 23, "-");

    /** The fields of each shape: minute, hour, day of month, month, day of week. */
    private static final List<Shape> SHAPES = List.of(
            new Shape(MINUTES, HOURS, STAR, STAR, List.of("*", "1-5", "0,6", "1-6")),
            new Shape(MINUTES, HOURS, STAR, STAR, numbers(0, 6)),
            new Shape(MINUTES, HOURS, DAYS_OF_MONTH, STAR, STAR),
            new Shape(concat(MINUTES, pairs(0, 59, ",")), List.of("*", "*/2", "*/3", "*/4", "*/6", "*/8", "*/12"),
                    STAR, STAR, STAR),
            new Shape(List.of("*/2", "*/3", "*/5", "*/10", "*/15", "*/20", "*/30"), HOUR_RANGES, STAR, STAR,
                    List.of("*", "1-5")),
            new Shape(MINUTES, HOUR_PAIRS, STAR, STAR, STAR),
            new Shape(MINUTES, HOUR_RANGES, STAR, STAR, List.of("1-5")),
            new Shape(MINUTES, HOURS, DAYS_OF_MONTH, List.of("1,4,7,10", "1", "1,7"), STAR));

    /** How many distinct expressions there are before the smallest shape would repeat one. */
    static final int DISTINCT = SHAPES.size() * SHAPES.stream().mapToInt(Shape::size).min().orElseThrow();

    private ExpressionMix() {
    }

    /** Expression {@code index}, {@code 0 <= index < DISTINCT}; no two indices give the same text. */
    static String expression(int index) {
        if (index < 0 || index >= DISTINCT) {
            throw new IllegalArgumentException("the mix has " + DISTINCT + " distinct expressions, not " + index);
        }
        Shape shape = SHAPES.get(index % SHAPES.size());
        return shape.expression((int) (index / SHAPES.size() * STRIDE % shape.size()));
    }

    /** Expression {@code index} in a zone drawn from {@link #ZONES}. */
    static CronSchedule schedule(int index, Random random) {
        return new CronSchedule(expression(index), ZONES.get(random.nextInt(ZONES.size())));
    }

    private record Shape(List<List<String>> fields) {

        Shape(List<String> minute, List<String> hour, List<String> dayOfMonth, List<String> month,
                List<String> dayOfWeek) {
            this(List.of(minute, hour, dayOfMonth, month, dayOfWeek));
        }

        Shape {
            if (size(fields) % STRIDE == 0) {
                throw new IllegalArgumentException("a shape of " + size(fields) + " expressions: the stride divides it");
            }
        }

        int size() {
            return size(fields);
        }

        private static int size(List<List<String>> fields) {
            return fields.stream().mapToInt(List::size).reduce(1, Math::multiplyExact);
        }

        String expression(int index) {
            String[] values = new String[fields.size()];
            int rest = index;
            for (int field = fields.size() - 1; field >= 0; field--) {
                List<String> options = fields.get(field);
                values[field] = options.get(rest % options.size());
                rest /= options.size();
            }
            return String.join(" ", values);
        }
    }

    private static List<String> numbers(int from, int to) {
        List<String> numbers = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            numbers.add(Integer.toString(n));
        }
        return List.copyOf(numbers);
    }

    /** Every {@code a<separator>b} with {@code from <= a < b <= to}: lists of two and ranges. */
    private static List<String> pairs(int from, int to, String separator) {
        List<String> pairs = new ArrayList<>();
        for (int a = from; a <= to; a++) {
            for (int b = a + 1; b <= to; b++) {
                pairs.add(a + separator + b);
            }
        }
        return List.copyOf(pairs);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }
}
