package io.pushmon.bench.metrics;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live objects of a JVM by class, from {@code jcmd <pid> GC.class_histogram}. That command runs a full GC
 * first, so the total is the live heap, not garbage that happened to be there, and two histograms taken around
 * a load show what the load costs by class.
 *
 * @param classes instances and bytes by class name
 * @param bytes   the total of live bytes
 */
public record HeapHistogram(Map<String, Row> classes, long bytes) {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /** Live instances and bytes of one class. */
    public record Row(long instances, long bytes) {
    }

    /** The change of one class between two histograms. */
    public record Change(String className, long instances, long bytes) {
    }

    /** Takes the histogram of a running JVM with the JDK's own {@code jcmd}; a full GC runs first. */
    public static HeapHistogram of(long pid) throws IOException, InterruptedException {
        return parse(Jcmd.run(pid, "GC.class_histogram"));
    }

    public static HeapHistogram parse(String text) {
        Map<String, Row> classes = new LinkedHashMap<>();
        long total = -1;
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                classes.merge(row.group(3), new Row(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                        (a, b) -> new Row(a.instances() + b.instances(), a.bytes() + b.bytes()));
                continue;
            }
            Matcher sum = TOTAL.matcher(line.strip());
            if (sum.matches()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total < 0) {
            throw new IllegalArgumentException("no 'Total' line in the class histogram");
        }
        return new HeapHistogram(Map.copyOf(classes), total);
    }

    /** The classes that grew most from {@code before} to this histogram, largest growth first. */
    public List<Change> growthSince(HeapHistogram before, int limit) {
        return classes.entrySet().stream()
                .map(e -> {
                    Row old = before.classes().getOrDefault(e.getKey(), new Row(0, 0));
                    return new Change(e.getKey(), e.getValue().instances() - old.instances(),
                            e.getValue().bytes() - old.bytes());
                })
                .sorted(Comparator.comparingLong(Change::bytes).reversed())
                .limit(limit).toList();
    }
}
