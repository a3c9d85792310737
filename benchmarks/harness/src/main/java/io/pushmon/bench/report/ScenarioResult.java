package io.pushmon.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: its settings, its figures in the order they were taken, each target with the
 * measurement it is judged on, and notes (what limited it, what is not measured). Filled in as the scenario runs.
 */
public final class ScenarioResult {

    private final String name;
    private final String title;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double seconds;
    private String failure;

    public ScenarioResult(String name, String title) {
        this.name = name;
        this.title = title;
    }

    public ScenarioResult setting(String key, Object value) {
        settings.put(key, value);
        return this;
    }

    public ScenarioResult metric(String metric, double value, String unit) {
        metrics.add(new Metric(metric, value, unit));
        return this;
    }

    /** A performance target of the issue and the measurement it is judged on. */
    public ScenarioResult check(String target, String measured, boolean met) {
        checks.add(new Check(target, measured, met, Check.Kind.TARGET));
        return this;
    }

    /** A correctness target (nothing lost, nothing twice): it must hold in every run, the smoke run included. */
    public ScenarioResult invariant(String target, String measured, boolean met) {
        checks.add(new Check(target, measured, met, Check.Kind.INVARIANT));
        return this;
    }

    /** A condition of the measurement: a miss says the figures may be distorted, not that pushmon failed. */
    public ScenarioResult warning(String condition, String measured, boolean met) {
        checks.add(new Check(condition, measured, met, Check.Kind.WARNING));
        return this;
    }

    public ScenarioResult note(String note) {
        notes.add(note);
        return this;
    }

    /** The value of a metric taken earlier; for checks and tests. */
    public double value(String metric) {
        return metrics.stream().filter(m -> m.name().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metric '" + metric + "' in " + name))
                .value();
    }

    public void finished(double seconds, String failure) {
        this.seconds = seconds;
        this.failure = failure;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> settings() {
        return settings;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public List<Check> checks() {
        return checks;
    }

    public List<String> notes() {
        return notes;
    }

    public double seconds() {
        return seconds;
    }

    /** Why the scenario did not complete (an exception), or null. */
    public String failure() {
        return failure;
    }
}
