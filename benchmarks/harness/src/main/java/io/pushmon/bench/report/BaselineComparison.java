package io.pushmon.bench.report;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run set against a baseline report, figure by figure: each figure is paired by scenario and full name (variant
 * and round labels are part of the name, so {@code gateway lz4 p99 @200} meets only itself). A figure is a
 * regression when its direction is known and it is worse than the baseline by more than the threshold; an
 * invariant is one when it held in the baseline and no longer does, and so is a scenario that no longer completes.
 */
public final class BaselineComparison {

    public static final double DEFAULT_THRESHOLD = 0.15;

    /** One figure on both sides. */
    public record Row(String scenario, String figure, String unit, double baseline, double current,
            FigureDirection direction, boolean regression) {

        /** Current over baseline; NaN when the baseline is not positive, as no ratio says anything then. */
        public double ratio() {
            return baseline > 0 ? current / baseline : Double.NaN;
        }
    }

    /** One invariant on both sides; "completes" stands for the scenario finishing at all. */
    public record InvariantRow(String scenario, String target, boolean baselineMet, boolean currentMet) {

        public boolean regression() {
            return baselineMet && !currentMet;
        }
    }

    static final String COMPLETES = "completes";

    private final StoredReport baseline;
    private final StoredReport current;
    private final double threshold;
    private final List<Row> rows = new ArrayList<>();
    private final List<InvariantRow> invariants = new ArrayList<>();
    private final List<String> fresh = new ArrayList<>();
    private final List<String> gone = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BaselineComparison(StoredReport baseline, StoredReport current, double threshold) {
        this.baseline = baseline;
        this.current = current;
        this.threshold = threshold;
    }

    /** Pairs every figure and invariant of the scenarios both reports have. */
    public static BaselineComparison of(StoredReport baseline, StoredReport current, double threshold) {
        BaselineComparison comparison = new BaselineComparison(baseline, current, threshold);
        for (StoredReport.Scenario now : current.scenarios().values()) {
            StoredReport.Scenario then = baseline.scenarios().get(now.name());
            if (then == null) {
                comparison.notes.add(now.name() + " is not in the baseline");
            } else {
                comparison.pair(then, now);
            }
        }
        List<String> notRun = baseline.scenarios().keySet().stream()
                .filter(name -> !current.scenarios().containsKey(name)).toList();
        if (!notRun.isEmpty()) {
            // A run of a few scenarios against a full baseline: the others are not gone, they were not asked for.
            comparison.notes.add("in the baseline, not run this time: " + String.join(", ", notRun));
        }
        return comparison;
    }

    private void pair(StoredReport.Scenario then, StoredReport.Scenario now) {
        String scenario = now.name();
        then.settings().forEach((key, value) -> {
            String other = now.settings().get(key);
            if (other != null && !other.equals(value)) {
                notes.add(scenario + " setting '" + key + "' differs: " + value + " in the baseline, " + other
                        + " now");
            }
        });
        invariants.add(new InvariantRow(scenario, COMPLETES, then.completed(), now.completed()));
        now.invariants().forEach((target, met) -> {
            Boolean before = then.invariants().get(target);
            if (before == null) {
                fresh.add(scenario + ": invariant " + target);
            } else {
                invariants.add(new InvariantRow(scenario, target, before, met));
            }
        });
        then.invariants().keySet().stream().filter(target -> !now.invariants().containsKey(target))
                .forEach(target -> gone.add(scenario + ": invariant " + target));
        for (Metric figure : now.figures().values()) {
            Metric before = then.figures().get(figure.name());
            if (before == null) {
                fresh.add(scenario + ": " + figure.name());
                continue;
            }
            FigureDirection direction = FigureDirection.of(figure.name(), figure.unit());
            rows.add(new Row(scenario, figure.name(), figure.unit(), before.value(), figure.value(), direction,
                    worse(direction, before.value(), figure.value())));
        }
        then.figures().keySet().stream().filter(name -> !now.figures().containsKey(name))
                .forEach(name -> gone.add(scenario + ": " + name));
    }

    private boolean worse(FigureDirection direction, double before, double now) {
        if (!(before > 0) || !Double.isFinite(before) || Double.isNaN(now)) {
            return false;
        }
        double ratio = now / before;
        return switch (direction) {
            case HIGHER_IS_BETTER -> ratio < 1 - threshold;
            case LOWER_IS_BETTER -> ratio > 1 + threshold;
            case UNKNOWN -> false;
        };
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public List<InvariantRow> invariants() {
        return List.copyOf(invariants);
    }

    /** Figures and invariants only in the current run, as {@code scenario: name}. */
    public List<String> fresh() {
        return List.copyOf(fresh);
    }

    /** Figures and invariants only in the baseline, as {@code scenario: name}. */
    public List<String> gone() {
        return List.copyOf(gone);
    }

    /** What was not compared and why, and settings that differ between the runs. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int regressions() {
        return (int) (rows.stream().filter(Row::regression).count()
                + invariants.stream().filter(InvariantRow::regression).count());
    }

    /** The one line that matters: {@code 3 regressions over 15%}, and how much was compared. */
    public String headline() {
        return String.format(Locale.ROOT, "%s over %s (%s and %s compared; %d new, %d gone)",
                counted(regressions(), "regression"), percent(threshold), counted(rows.size(), "figure"),
                counted(invariants.size(), "invariant"), fresh.size(), gone.size());
    }

    private static String counted(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** For the console: the headline and one line per regression. */
    public String summary() {
        StringBuilder text = new StringBuilder("against the baseline ").append(baseline.source()).append(": ")
                .append(headline()).append('\n');
        for (InvariantRow row : invariants) {
            if (row.regression()) {
                text.append("  ").append(row.scenario()).append(": invariant '").append(row.target())
                        .append("' held in the baseline and fails now\n");
            }
        }
        for (Row row : rows) {
            if (row.regression()) {
                text.append("  ").append(row.scenario()).append(": ").append(row.figure()).append(" ")
                        .append(value(row.baseline(), row.unit())).append(" -> ")
                        .append(value(row.current(), row.unit()))
                        .append(" (").append(ratio(row)).append(", ").append(better(row.direction()))
                        .append(")\n");
            }
        }
        return text.toString();
    }

    /** A section for the run's report.md: the headline and where the whole comparison is. */
    public String reportSection() {
        return "\n## Against the baseline\n\n" + baseline.source() + ": **" + headline()
                + "**; every figure in [comparison.md](comparison.md).\n";
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# pushmon benchmark comparison\n\n");
        md.append("- baseline: ").append(describe(baseline)).append('\n');
        md.append("- current: ").append(describe(current)).append('\n');
        md.append("- regression: worse than the baseline by more than ").append(percent(threshold))
                .append(String.format(Locale.ROOT, " (a higher-is-better figure below %.2f× of it, a lower-is-better"
                        + " one above %.2f×), an invariant that held and fails, a scenario that no longer completes;"
                        + " a figure of unknown direction or with a baseline of 0 is shown, never flagged\n\n",
                        1 - threshold, 1 + threshold));
        md.append("**").append(headline()).append("**\n\n");
        notes.forEach(note -> md.append("- ").append(note).append('\n'));
        if (!notes.isEmpty()) {
            md.append('\n');
        }

        md.append("## Invariants\n\n| scenario | invariant | baseline | current | |\n|---|---|---|---|---|\n");
        for (InvariantRow row : invariants) {
            md.append("| ").append(row.scenario()).append(" | ").append(BenchReport.cell(row.target())).append(" | ")
                    .append(held(row.baselineMet())).append(" | ").append(held(row.currentMet())).append(" | ")
                    .append(row.regression() ? "**regression**" : "").append(" |\n");
        }

        md.append("\n## Figures\n\n| scenario | figure | baseline | current | current / baseline | better | |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.scenario()).append(" | ").append(BenchReport.cell(row.figure())).append(" | ")
                    .append(value(row.baseline(), row.unit())).append(" | ").append(value(row.current(), row.unit()))
                    .append(" | ").append(ratio(row)).append(" | ").append(better(row.direction())).append(" | ")
                    .append(row.regression() ? "**regression**" : "").append(" |\n");
        }

        list(md, "Only in the current run", fresh);
        list(md, "Only in the baseline", gone);
        return md.toString();
    }

    /** Writes {@code comparison.md} into the folder and returns it. */
    public Path write(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("comparison.md");
        Files.writeString(file, markdown());
        return file;
    }

    private static void list(StringBuilder md, String title, List<String> labels) {
        if (!labels.isEmpty()) {
            md.append("\n## ").append(title).append(" (").append(labels.size()).append(")\n\n");
            labels.forEach(label -> md.append("- ").append(label).append('\n'));
        }
    }

    private static String describe(StoredReport report) {
        return report.source() + " (started " + report.startedAt() + ", load " + report.load() + ", `"
                + report.command() + "`)";
    }

    private static String value(double value, String unit) {
        return BenchReport.format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String ratio(Row row) {
        double ratio = row.ratio();
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String better(FigureDirection direction) {
        return switch (direction) {
            case HIGHER_IS_BETTER -> "higher";
            case LOWER_IS_BETTER -> "lower";
            case UNKNOWN -> "?";
        };
    }

    private static String held(boolean met) {
        return met ? "holds" : "**fails**";
    }

    /** 0.15 as "15%": through the decimal text, as 0.15 * 100 is 15.000000000000002. */
    private static String percent(double fraction) {
        return new BigDecimal(Double.toString(fraction)).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
